"""sdg_counters: ideas per goal and per target (by process and status) kept as counters, and each idea's
newest link per goal, filled from the links that exist

Revision ID: sdg_counters
Revises: invitations
Create Date: 2026-12-01 19:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "sdg_counters"
down_revision = "invitations"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "idea_goals",
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("goal_number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["goal_number"], ["sdg_goals.number"], name=op.f("fk_idea_goals_goal_number_sdg_goals")),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_idea_goals_idea_id_ideas"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("idea_id", "goal_number", name=op.f("pk_idea_goals")),
    )
    op.create_index("ix_idea_goals_goal_linked", "idea_goals", ["goal_number", "linked_at", "idea_id"], unique=False)
    op.create_table(
        "sdg_idea_counts",
        sa.Column("goal_number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("target_code", sa.String(length=8), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("ideas", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("ideas >= 0", name=op.f("ck_sdg_idea_counts_ideas_not_negative")),
        sa.ForeignKeyConstraint(["goal_number"], ["sdg_goals.number"],
                                name=op.f("fk_sdg_idea_counts_goal_number_sdg_goals")),
        sa.ForeignKeyConstraint(["process_id"], ["processes.id"],
                                name=op.f("fk_sdg_idea_counts_process_id_processes"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("goal_number", "target_code", "process_id", "status", name=op.f("pk_sdg_idea_counts")),
    )
    op.execute(
        "INSERT INTO idea_goals (idea_id, goal_number, linked_at) "
        "SELECT idea_id, goal_number, max(created_at) FROM idea_targets GROUP BY idea_id, goal_number"
    )
    op.execute(
        "INSERT INTO sdg_idea_counts (goal_number, target_code, process_id, status, ideas) "
        "SELECT idea_goals.goal_number, '', ideas.process_id, ideas.status, count(*) "
        "FROM idea_goals JOIN ideas ON ideas.id = idea_goals.idea_id "
        "GROUP BY idea_goals.goal_number, ideas.process_id, ideas.status"
    )
    op.execute(
        "INSERT INTO sdg_idea_counts (goal_number, target_code, process_id, status, ideas) "
        "SELECT idea_targets.goal_number, idea_targets.target_code, ideas.process_id, ideas.status, count(*) "
        "FROM idea_targets JOIN ideas ON ideas.id = idea_targets.idea_id "
        "GROUP BY idea_targets.goal_number, idea_targets.target_code, ideas.process_id, ideas.status"
    )


def downgrade():
    op.drop_table("sdg_idea_counts")
    op.drop_index("ix_idea_goals_goal_linked", table_name="idea_goals")
    op.drop_table("idea_goals")
