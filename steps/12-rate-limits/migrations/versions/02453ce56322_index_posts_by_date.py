"""index posts by date

Revision ID: 02453ce56322
Revises: a75304624b6e
Create Date: 2026-11-25 13:51:46.608959

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "02453ce56322"
down_revision = "a75304624b6e"
branch_labels = None
depends_on = None


def upgrade():
    # The home page and GET /api/posts list posts by created_at, newest first. With this index the
    # database reads the newest posts in order, instead of sorting all of them for every request.
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_posts_created_at"), ["created_at"], unique=False)


def downgrade():
    # The exact opposite of upgrade(): the table is as the revision before left it.
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_posts_created_at"))
