"""partner_tasks: the plan tasks that name a partner, and the words a partner is named by

Revision ID: partner_tasks
Revises: partners
Create Date: 2026-12-01 19:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = "partner_tasks"
down_revision = "partners"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.add_column(sa.Column("aliases", sa.JSON(), server_default="[]", nullable=False))
    op.create_table(
        "plan_task_partners",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("named_in", sa.String(length=12), nullable=False),
        sa.CheckConstraint("named_in IN ('task', 'explanation')", name=op.f("ck_plan_task_partners_named_in_place")),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"], name=op.f("fk_plan_task_partners_partner_id_partners"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["task_id"], ["plan_tasks.id"], name=op.f("fk_plan_task_partners_task_id_plan_tasks"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("task_id", "partner_id", name=op.f("pk_plan_task_partners")),
    )
    op.create_index(op.f("ix_plan_task_partners_partner_id"), "plan_task_partners", ["partner_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_plan_task_partners_partner_id"), table_name="plan_task_partners")
    op.drop_table("plan_task_partners")
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.drop_column("aliases")
