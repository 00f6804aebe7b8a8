"""room_tallies: the votes an idea got in the room at a session, kept apart from the online votes

Revision ID: room_tallies
Revises: meeting_ballots
Create Date: 2026-12-01 20:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = "room_tallies"
down_revision = "meeting_ballots"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "room_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("votes", sa.Integer(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("entered_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("votes >= 1", name=op.f("ck_room_tallies_votes_positive")),
        sa.ForeignKeyConstraint(["entered_by_id"], ["users.id"], name=op.f("fk_room_tallies_entered_by_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_room_tallies_idea_id_ideas"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_room_tallies_meeting_id_meetings"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room_tallies")),
        sa.UniqueConstraint("meeting_id", "idea_id", name=op.f("uq_room_tallies_meeting_idea")),
    )
    with op.batch_alter_table("room_tallies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_room_tallies_idea_id"), ["idea_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_room_tallies_meeting_id"), ["meeting_id"], unique=False)


def downgrade():
    with op.batch_alter_table("room_tallies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_room_tallies_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_room_tallies_idea_id"))
    op.drop_table("room_tallies")
