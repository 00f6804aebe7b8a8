"""note_as_signed: an ambition point keeps its line of the note's conclusion as the councils wrote it

Revision ID: note_as_signed
Revises: account_security
Create Date: 2026-11-28 09:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = "note_as_signed"
down_revision = "account_security"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("ambition_points", schema=None) as batch_op:
        batch_op.add_column(sa.Column("conclusion", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("ambition_points", schema=None) as batch_op:
        batch_op.drop_column("conclusion")
