"""idea_images: up to three photos of an idea, made safe by the platform, with their descriptions

Revision ID: idea_images
Revises: meeting_groups
Create Date: 2026-12-01 15:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = "idea_images"
down_revision = "meeting_groups"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "idea_images",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("alt_text", sa.String(length=250), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("small_width", sa.Integer(), nullable=False),
        sa.Column("small_height", sa.Integer(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_idea_images_idea_id_ideas"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["users.id"], name=op.f("fk_idea_images_uploaded_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idea_images")),
        sa.UniqueConstraint("idea_id", "position", name="uq_idea_images_idea_position"),
        sa.UniqueConstraint("key", name=op.f("uq_idea_images_key")),
    )
    with op.batch_alter_table("idea_images", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_idea_images_idea_id"), ["idea_id"], unique=False)


def downgrade():
    with op.batch_alter_table("idea_images", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idea_images_idea_id"))
    op.drop_table("idea_images")
