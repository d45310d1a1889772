"""revoked tokens

Revision ID: 0e6f636b322b
Revises: 02453ce56322
Create Date: 2026-12-02 00:27:55.739456

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0e6f636b322b"
down_revision = "02453ce56322"
branch_labels = None
depends_on = None


# Ids are 64-bit: BIGINT on PostgreSQL, INTEGER on SQLite, as in the first migration.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade():
    # The blocklist of POST /auth/logout. expires_at is the app's UTCDateTime, which stores a plain
    # DATETIME: `flask db migrate` wrote app.database.UTCDateTime, and a migration never imports the app.
    op.create_table(
        "revoked_tokens",
        sa.Column("id", ID, nullable=False),
        sa.Column("jti", sa.String(length=36), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revoked_tokens")),
    )
    with op.batch_alter_table("revoked_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_revoked_tokens_jti"), ["jti"], unique=False)


def downgrade():
    # The exact opposite of upgrade(): the table and its index are gone.
    with op.batch_alter_table("revoked_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revoked_tokens_jti"))

    op.drop_table("revoked_tokens")
