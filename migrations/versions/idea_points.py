"""idea_points: the spot an idea is about (a point and an address in words), and the city's map box

Revision ID: idea_points
Revises: idea_images
Create Date: 2026-12-01 15:25:00

"""
from alembic import op
import sqlalchemy as sa


revision = "idea_points"
down_revision = "idea_images"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.add_column(sa.Column("latitude", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("address", sa.String(length=200), nullable=True))
        batch_op.create_check_constraint(op.f("ck_ideas_point_whole"), "(latitude IS NULL) = (longitude IS NULL)")
    with op.batch_alter_table("cities", schema=None) as batch_op:
        for side in ("south", "west", "north", "east"):
            batch_op.add_column(sa.Column(f"map_{side}", sa.Double(), nullable=True))


def downgrade():
    with op.batch_alter_table("cities", schema=None) as batch_op:
        for side in ("south", "west", "north", "east"):
            batch_op.drop_column(f"map_{side}")
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_ideas_point_whole"), type_="check")
        batch_op.drop_column("address")
        batch_op.drop_column("longitude")
        batch_op.drop_column("latitude")
