"""a post's limits per account (the server's character count and link length)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

Mastodon servers set their own limit (500 by default, some 5,000); the reply counter reads it
from /api/v2/instance once per session and keeps it here so it is right offline too.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("account") as batch:
        batch.add_column(sa.Column("max_characters", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("characters_per_url", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("account") as batch:
        batch.drop_column("characters_per_url")
        batch.drop_column("max_characters")
