"""city_face: the city's colours, contact, footer, logo and icons

Revision ID: city_face
Revises: sdg_suggestions
Create Date: 2026-11-28 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "city_face"
down_revision = "sdg_suggestions"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), server_default="nl", nullable=False))
        batch_op.add_column(sa.Column("colour_primary", sa.String(length=7), nullable=True))
        batch_op.add_column(sa.Column("colour_primary_dark", sa.String(length=7), nullable=True))
        batch_op.add_column(sa.Column("colour_accent", sa.String(length=7), nullable=True))
        batch_op.add_column(sa.Column("contact_address", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("contact_phone", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("contact_email", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("footer_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("logo_svg", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("favicon_svg", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("share_image", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("face_stamp", sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table("cities", schema=None) as batch_op:
        for column in ("face_stamp", "share_image", "favicon_svg", "logo_svg", "footer_text", "contact_email",
                       "contact_phone", "contact_address", "colour_accent", "colour_primary_dark",
                       "colour_primary", "language"):
            batch_op.drop_column(column)
