"""wijken: the neighbourhoods of each deelgemeente, and the wijk an idea is about

Revision ID: wijken
Revises: note_as_signed
Create Date: 2026-11-28 11:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = "wijken"
down_revision = "note_as_signed"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "neighbourhoods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["district_id"], ["districts.id"], name=op.f("fk_neighbourhoods_district_id_districts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_neighbourhoods")),
        sa.UniqueConstraint("district_id", "name", name="uq_neighbourhoods_district_name"),
    )
    with op.batch_alter_table("neighbourhoods", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_neighbourhoods_district_id"), ["district_id"], unique=False)
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.add_column(sa.Column("neighbourhood_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_ideas_neighbourhood_id"), ["neighbourhood_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_ideas_neighbourhood_id_neighbourhoods"), "neighbourhoods", ["neighbourhood_id"], ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_ideas_neighbourhood_id_neighbourhoods"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_ideas_neighbourhood_id"))
        batch_op.drop_column("neighbourhood_id")
    with op.batch_alter_table("neighbourhoods", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_neighbourhoods_district_id"))
    op.drop_table("neighbourhoods")
