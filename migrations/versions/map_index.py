"""map_index: a small index of the ideas that have a point, for the map's question "any idea to show?"

Revision ID: map_index
Revises: flat_lists
Create Date: 2026-12-01 17:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = "map_index"
down_revision = "flat_lists"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_ideas_process_point", "ideas", ["process_id"], unique=False,
                    postgresql_where=sa.text("latitude IS NOT NULL"), sqlite_where=sa.text("latitude IS NOT NULL"))


def downgrade():
    op.drop_index("ix_ideas_process_point", table_name="ideas")
