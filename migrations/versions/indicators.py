"""indicators: the city's figures per SDG, a series of yearly values each

Revision ID: indicators
Revises: city_face
Create Date: 2026-12-01 15:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = "indicators"
down_revision = "city_face"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("goal_number", sa.Integer(), nullable=False),
        sa.Column("target_code", sa.String(length=8), nullable=True),
        sa.Column("better", sa.String(length=10), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("better IN ('higher', 'lower', 'none')", name=op.f("ck_indicators_better_direction")),
        sa.ForeignKeyConstraint(["goal_number"], ["sdg_goals.number"], name=op.f("fk_indicators_goal_number_sdg_goals")),
        sa.ForeignKeyConstraint(["target_code"], ["sdg_targets.code"], name=op.f("fk_indicators_target_code_sdg_targets"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint("code", name=op.f("uq_indicators_code")),
    )
    op.create_index(op.f("ix_indicators_goal_number"), "indicators", ["goal_number"], unique=False)
    op.create_table(
        "indicator_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("flemish_average", sa.Numeric(precision=14, scale=4), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.CheckConstraint("kind IN ('measured', 'projected')", name=op.f("ck_indicator_values_value_kind")),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicators.id"], name=op.f("fk_indicator_values_indicator_id_indicators"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_values")),
        sa.UniqueConstraint("indicator_id", "year", name="uq_indicator_values_year"),
    )


def downgrade():
    op.drop_table("indicator_values")
    op.drop_index(op.f("ix_indicators_goal_number"), table_name="indicators")
    op.drop_table("indicators")
