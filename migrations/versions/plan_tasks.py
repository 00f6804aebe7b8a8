"""plan_tasks: tasks under each action, budgets on action plans and policy goals

The progress report lists several tasks under one action code and gives budgets per action plan (and the
goal's own totals). Each existing action gets one task with its title and status, its quarterly updates
move to that task, and its budget is added to its action plan's. Actions keep their ids, so the ideas and
ambition points linked to them stay linked.

Revision ID: plan_tasks
Revises: plain_titles
Create Date: 2026-12-01 15:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = "plan_tasks"
down_revision = "plain_titles"
branch_labels = None
depends_on = None

AMOUNTS = ("expenses_total", "expenses_ordered", "income_total", "income_received")
KNOWN_STATUS = "status IS NULL OR status IN ('not_started', 'in_progress', 'done')"


def upgrade():
    for table in ("plan_policy_goals", "plan_action_plans"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in AMOUNTS:
                batch_op.add_column(sa.Column(name, sa.BigInteger(), nullable=True))
    with op.batch_alter_table("plan_action_plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reported_tasks", sa.Integer(), nullable=True))
    op.create_table(
        "plan_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("service", sa.String(length=40), server_default="", nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint(KNOWN_STATUS, name=op.f("ck_plan_tasks_known_status")),
        sa.ForeignKeyConstraint(["action_id"], ["plan_actions.id"], name=op.f("fk_plan_tasks_action_id_plan_actions"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_tasks")),
        sa.UniqueConstraint("action_id", "title", name="uq_plan_tasks_action_title"),
    )
    with op.batch_alter_table("plan_tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_tasks_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_tasks_status"), ["status"], unique=False)

    # One task per existing action, with the action's id as its own so the updates find it.
    op.execute(
        "INSERT INTO plan_tasks (id, action_id, title, service, position, status, created_at, updated_at) "
        "SELECT id, id, substr(title, 1, 300), '', 0, status, created_at, updated_at FROM plan_actions"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT setval(pg_get_serial_sequence('plan_tasks', 'id'), "
                   "COALESCE((SELECT MAX(id) FROM plan_tasks), 0) + 1, false)")
    for name in AMOUNTS:
        op.execute(
            f"UPDATE plan_action_plans SET {name} = (SELECT SUM(a.{name}) FROM plan_actions a "
            f"WHERE a.action_plan_id = plan_action_plans.id)"
        )

    with op.batch_alter_table("plan_status_updates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("task_id", sa.Integer(), nullable=True))
    op.execute("UPDATE plan_status_updates SET task_id = action_id")
    with op.batch_alter_table("plan_status_updates", schema=None) as batch_op:
        batch_op.alter_column("task_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint("uq_plan_status_updates_action_quarter", type_="unique")
        batch_op.create_unique_constraint("uq_plan_status_updates_task_quarter", ["task_id", "year", "quarter"])
        batch_op.create_foreign_key(batch_op.f("fk_plan_status_updates_task_id_plan_tasks"), "plan_tasks",
                                    ["task_id"], ["id"], ondelete="CASCADE")
        batch_op.create_index(batch_op.f("ix_plan_status_updates_task_id"), ["task_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_status_updates_action_id"), ["action_id"], unique=False)

    # Not in a batch: on SQLite a batch copies the table and drops the old one, and dropping plan_actions
    # would delete, through their foreign keys, the links of ideas and ambition points and the new tasks.
    # SQLite (3.35 and later) and PostgreSQL drop a plain column in place.
    for name in AMOUNTS:
        op.drop_column("plan_actions", name)


def downgrade():
    for name in AMOUNTS:
        op.add_column("plan_actions", sa.Column(name, sa.BigInteger(), nullable=True))
    # The budget goes back on the first action of each action plan; one update per action and quarter.
    for name in AMOUNTS:
        op.execute(
            f"UPDATE plan_actions SET {name} = (SELECT p.{name} FROM plan_action_plans p "
            f"WHERE p.id = plan_actions.action_plan_id) WHERE id = (SELECT MIN(b.id) FROM plan_actions b "
            f"WHERE b.action_plan_id = plan_actions.action_plan_id)"
        )
    op.execute(
        "DELETE FROM plan_status_updates WHERE id NOT IN (SELECT MIN(id) FROM plan_status_updates "
        "GROUP BY action_id, year, quarter)"
    )
    with op.batch_alter_table("plan_status_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_status_updates_action_id"))
        batch_op.drop_index(batch_op.f("ix_plan_status_updates_task_id"))
        batch_op.drop_constraint(batch_op.f("fk_plan_status_updates_task_id_plan_tasks"), type_="foreignkey")
        batch_op.drop_constraint("uq_plan_status_updates_task_quarter", type_="unique")
        batch_op.create_unique_constraint("uq_plan_status_updates_action_quarter", ["action_id", "year", "quarter"])
        batch_op.drop_column("task_id")
    with op.batch_alter_table("plan_tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_tasks_status"))
        batch_op.drop_index(batch_op.f("ix_plan_tasks_action_id"))
    op.drop_table("plan_tasks")
    # In place, not in a batch, for the reason given in upgrade().
    op.drop_column("plan_action_plans", "reported_tasks")
    for table in ("plan_action_plans", "plan_policy_goals"):
        for name in AMOUNTS:
            op.drop_column(table, name)
