"""point_followup: the city's answers to ambition points, the plan actions that carry them out, followers

Revision ID: point_followup
Revises: wijken
Create Date: 2026-11-28 14:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = "point_followup"
down_revision = "wijken"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "ambition_point_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_ambition_point_answers_author_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["point_id"], ["ambition_points.id"],
                                name=op.f("fk_ambition_point_answers_point_id_ambition_points"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambition_point_answers")),
    )
    with op.batch_alter_table("ambition_point_answers", schema=None) as batch_op:
        batch_op.create_index("ix_ambition_point_answers_point_created", ["point_id", "created_at"], unique=False)
    op.create_table(
        "ambition_point_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("linked_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["plan_actions.id"],
                                name=op.f("fk_ambition_point_actions_action_id_plan_actions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["linked_by_id"], ["users.id"], name=op.f("fk_ambition_point_actions_linked_by_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["point_id"], ["ambition_points.id"],
                                name=op.f("fk_ambition_point_actions_point_id_ambition_points"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambition_point_actions")),
        sa.UniqueConstraint("point_id", "action_id", name="uq_ambition_point_actions_point_action"),
    )
    with op.batch_alter_table("ambition_point_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ambition_point_actions_action_id"), ["action_id"], unique=False)
    op.create_table(
        "ambition_point_follows",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["point_id"], ["ambition_points.id"],
                                name=op.f("fk_ambition_point_follows_point_id_ambition_points"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_ambition_point_follows_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "point_id", name=op.f("pk_ambition_point_follows")),
    )
    with op.batch_alter_table("ambition_point_follows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ambition_point_follows_point_id"), ["point_id"], unique=False)


def downgrade():
    op.drop_table("ambition_point_follows")
    op.drop_table("ambition_point_actions")
    op.drop_table("ambition_point_answers")
