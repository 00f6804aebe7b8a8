"""chapters: the city's chapters with their SDGs, its vision notes, and ideas kept for a chapter

Revision ID: chapters
Revises: plan_tasks
Create Date: 2026-12-01 15:30:00

Ideas keep their theme key. A city whose chapters differ from the UN's five Ps gets them when its data
is loaded (`participation demo load --city …`), which also moves ideas filed under a key its chapters
replace (Harelbeke's Public Services replaces Peace).
"""
from alembic import op
import sqlalchemy as sa


revision = "chapters"
down_revision = "plan_tasks"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "chapters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chapters")),
        sa.UniqueConstraint("key", name=op.f("uq_chapters_key")),
    )
    op.create_table(
        "chapter_goals",
        sa.Column("goal_number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("chapter_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("goal_number BETWEEN 1 AND 17", name=op.f("ck_chapter_goals_known_goal")),
        sa.ForeignKeyConstraint(["chapter_id"], ["chapters.id"], name=op.f("fk_chapter_goals_chapter_id_chapters"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("goal_number", name=op.f("pk_chapter_goals")),
    )
    with op.batch_alter_table("chapter_goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chapter_goals_chapter_id"), ["chapter_id"], unique=False)
    op.create_table(
        "vision_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=True),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["process_id"], ["processes.id"], name=op.f("fk_vision_notes_process_id_processes"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vision_notes")),
        sa.UniqueConstraint("process_id", name=op.f("uq_vision_notes_process_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_vision_notes_slug")),
    )
    op.create_table(
        "chapter_keeps",
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("chapter_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("kept_by_id", sa.Integer(), nullable=True),
        sa.Column("kept_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["chapter_id"], ["chapters.id"], name=op.f("fk_chapter_keeps_chapter_id_chapters"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_chapter_keeps_idea_id_ideas"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["kept_by_id"], ["users.id"], name=op.f("fk_chapter_keeps_kept_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("idea_id", name=op.f("pk_chapter_keeps")),
    )
    with op.batch_alter_table("chapter_keeps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chapter_keeps_chapter_id"), ["chapter_id"], unique=False)


def downgrade():
    with op.batch_alter_table("chapter_keeps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chapter_keeps_chapter_id"))
    op.drop_table("chapter_keeps")
    op.drop_table("vision_notes")
    with op.batch_alter_table("chapter_goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chapter_goals_chapter_id"))
    op.drop_table("chapter_goals")
    op.drop_table("chapters")
