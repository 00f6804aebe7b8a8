"""idea_rendered_body: each idea keeps its body rendered and sanitised, and its words without marks, as
its page shows them; empty for the ideas that exist, which their page (or `participation ideas texts
fill`) renders and stores

Revision ID: idea_rendered_body
Revises: sdg_counters
Create Date: 2026-12-01 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "idea_rendered_body"
down_revision = "sdg_counters"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("ideas") as batch_op:
        batch_op.add_column(sa.Column("body_html", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("body_words", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("ideas") as batch_op:
        batch_op.drop_column("body_words")
        batch_op.drop_column("body_html")
