"""flat_lists: ideas per process and status kept as counters, each idea's similar ideas stored, the newest-first and most-votes-first indexes of a process's ideas

Revision ID: flat_lists
Revises: search_index
Create Date: 2026-12-01 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "flat_lists"
down_revision = "search_index"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "process_idea_counts",
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("ideas", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("ideas >= 0", name=op.f("ck_process_idea_counts_ideas_not_negative")),
        sa.ForeignKeyConstraint(["process_id"], ["processes.id"],
                                name=op.f("fk_process_idea_counts_process_id_processes"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("process_id", "status", name=op.f("pk_process_idea_counts")),
    )
    op.execute(
        "INSERT INTO process_idea_counts (process_id, status, ideas) "
        "SELECT process_id, status, count(*) FROM ideas GROUP BY process_id, status"
    )
    op.create_table(
        "similar_ideas",
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("found", sa.JSON(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_similar_ideas_idea_id_ideas"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("idea_id", name=op.f("pk_similar_ideas")),
    )
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.create_index("ix_ideas_process_created_id", ["process_id", "created_at", "id"], unique=False)
        batch_op.create_index("ix_ideas_process_ranking", ["process_id", sa.text("vote_count DESC"), "title", "id"],
                              unique=False)


def downgrade():
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.drop_index("ix_ideas_process_ranking")
        batch_op.drop_index("ix_ideas_process_created_id")
    op.drop_table("similar_ideas")
    op.drop_table("process_idea_counts")
