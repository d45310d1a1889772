"""users and posts

Revision ID: a75304624b6e
Revises:
Create Date: 2026-11-25 13:50:50.273556

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a75304624b6e"
down_revision = None
branch_labels = None
depends_on = None


# Ids are 64-bit: BIGINT on PostgreSQL. SQLite keeps INTEGER, whose ids are 64-bit already: only a
# column declared exactly INTEGER PRIMARY KEY numbers new rows by itself.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade():
    # created_at is the app's UTCDateTime, which stores a plain DATETIME. A migration names the
    # database's type, sa.DateTime, and never imports the app: the app changes, a migration must not.
    op.create_table(
        "users",
        sa.Column("id", ID, nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "posts",
        sa.Column("id", ID, nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("author_id", ID, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_posts_author_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_posts")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_posts_author_id"), ["author_id"], unique=False)


def downgrade():
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_posts_author_id"))

    op.drop_table("posts")
    op.drop_table("users")
