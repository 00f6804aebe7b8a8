"""ranking_tie_order: the ranking index orders ideas with the same votes by their title without regard to
case, as the ranking does, so a page of the ranking is read from the index and not sorted from all ideas

Revision ID: ranking_tie_order
Revises: idea_rendered_body
Create Date: 2026-12-01 23:55:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "ranking_tie_order"
down_revision = "idea_rendered_body"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_ideas_process_ranking", table_name="ideas")
    op.create_index("ix_ideas_process_ranking", "ideas",
                    ["process_id", sa.text("vote_count DESC"), sa.text("lower(title)"), "id"], unique=False)


def downgrade():
    op.drop_index("ix_ideas_process_ranking", table_name="ideas")
    op.create_index("ix_ideas_process_ranking", "ideas", ["process_id", sa.text("vote_count DESC"), "title", "id"],
                    unique=False)
