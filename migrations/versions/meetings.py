"""meetings: sessions in the room with attendance per group, ideas from the room, guests in mixed groups

Revision ID: meetings
Revises: conversation
Create Date: 2026-12-01 16:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = "meetings"
down_revision = "conversation"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=True),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("day_known", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("facilitator", sa.String(length=200), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint(
            "kind IN ('workshop', 'game', 'joint_session', 'info_evening', 'stakeholder_round')",
            name=op.f("ck_meetings_known_kind"),
        ),
        sa.CheckConstraint("(process_id IS NULL) <> (round_id IS NULL)", name=op.f("ck_meetings_process_or_round")),
        sa.ForeignKeyConstraint(["process_id"], ["processes.id"], name=op.f("fk_meetings_process_id_processes"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["council_rounds.id"], name=op.f("fk_meetings_round_id_council_rounds"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_meetings_created_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    op.create_index("ix_meetings_process_held", "meetings", ["process_id", "held_on"], unique=False)
    op.create_index("ix_meetings_round_held", "meetings", ["round_id", "held_on"], unique=False)
    op.create_table(
        "meeting_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("group", sa.String(length=120), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint("count >= 0", name=op.f("ck_meeting_attendance_count_not_negative")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_meeting_attendance_meeting_id_meetings"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attendance")),
    )
    op.create_index(op.f("ix_meeting_attendance_meeting_id"), "meeting_attendance", ["meeting_id"], unique=False)
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.add_column(sa.Column("meeting_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_ideas_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_ideas_meeting_id_meetings"), "meetings", ["meeting_id"], ["id"], ondelete="SET NULL",
        )
    op.create_table(
        "council_round_group_guests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["group_id"], ["council_round_groups.id"],
                                name=op.f("fk_council_round_group_guests_group_id_council_round_groups"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["council_id"], ["councils.id"],
                                name=op.f("fk_council_round_group_guests_council_id_councils"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_round_group_guests")),
    )
    op.create_index(op.f("ix_council_round_group_guests_group_id"), "council_round_group_guests", ["group_id"],
                    unique=False)
    op.create_index(op.f("ix_council_round_group_guests_council_id"), "council_round_group_guests", ["council_id"],
                    unique=False)


def downgrade():
    op.drop_index(op.f("ix_council_round_group_guests_council_id"), table_name="council_round_group_guests")
    op.drop_index(op.f("ix_council_round_group_guests_group_id"), table_name="council_round_group_guests")
    op.drop_table("council_round_group_guests")
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_ideas_meeting_id_meetings"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_ideas_meeting_id"))
        batch_op.drop_column("meeting_id")
    op.drop_index(op.f("ix_meeting_attendance_meeting_id"), table_name="meeting_attendance")
    op.drop_table("meeting_attendance")
    op.drop_index("ix_meetings_round_held", table_name="meetings")
    op.drop_index("ix_meetings_process_held", table_name="meetings")
    op.drop_table("meetings")
