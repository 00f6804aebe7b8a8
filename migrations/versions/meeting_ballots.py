"""meeting_ballots: the session in the room a council's ranked ballot was entered from

Revision ID: meeting_ballots
Revises: partner_tasks
Create Date: 2026-12-01 19:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = "meeting_ballots"
down_revision = "partner_tasks"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("council_ballots", schema=None) as batch_op:
        batch_op.add_column(sa.Column("meeting_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_council_ballots_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_council_ballots_meeting_id_meetings"), "meetings", ["meeting_id"], ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("council_ballots", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_council_ballots_meeting_id_meetings"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_council_ballots_meeting_id"))
        batch_op.drop_column("meeting_id")
