"""meeting_groups: the session in the room a council round's mixed group met in

Revision ID: meeting_groups
Revises: meetings
Create Date: 2026-12-01 16:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = "meeting_groups"
down_revision = "meetings"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("council_round_groups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("meeting_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_council_round_groups_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_council_round_groups_meeting_id_meetings"), "meetings", ["meeting_id"], ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("council_round_groups", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_council_round_groups_meeting_id_meetings"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_council_round_groups_meeting_id"))
        batch_op.drop_column("meeting_id")
