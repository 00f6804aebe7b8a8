"""invitations: partners invited to a process by an expiring, revocable link; the "invited" audience;
ideas and comments written on a partner's behalf

Revision ID: invitations
Revises: room_tallies
Create Date: 2026-12-01 19:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = "invitations"
down_revision = "room_tallies"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("processes", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_processes_known_audience"), type_="check")
        batch_op.create_check_constraint("known_audience", "audience IN ('public', 'staff', 'councils', 'invited')")
    op.create_table(
        "process_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("selector", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_process_invitations_created_by_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"], name=op.f("fk_process_invitations_partner_id_partners"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["process_id"], ["processes.id"],
                                name=op.f("fk_process_invitations_process_id_processes"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["revoked_by_id"], ["users.id"], name=op.f("fk_process_invitations_revoked_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process_invitations")),
        sa.UniqueConstraint("id", "process_id", name="uq_process_invitations_id_process"),
        sa.UniqueConstraint("selector", name=op.f("uq_process_invitations_selector")),
    )
    op.create_index(op.f("ix_process_invitations_partner_id"), "process_invitations", ["partner_id"], unique=False)
    op.create_index(op.f("ix_process_invitations_process_id"), "process_invitations", ["process_id"], unique=False)
    op.create_table(
        "invitation_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["invitation_id", "process_id"],
                                ["process_invitations.id", "process_invitations.process_id"],
                                name="fk_invitation_members_invitation", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_invitation_members_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation_members")),
        sa.UniqueConstraint("process_id", "user_id", name="uq_invitation_members_process_user"),
    )
    op.create_index(op.f("ix_invitation_members_invitation_id"), "invitation_members", ["invitation_id"], unique=False)
    op.create_index(op.f("ix_invitation_members_user_id"), "invitation_members", ["user_id"], unique=False)
    for table in ("ideas", "comments"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("partner_id", sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_partner_id"), ["partner_id"], unique=False)
            batch_op.create_foreign_key(batch_op.f(f"fk_{table}_partner_id_partners"), "partners", ["partner_id"],
                                        ["id"], ondelete="SET NULL")
    _rank_descending()


def _rank_descending():
    """SQLite rebuilds the ideas table for the new key and reads its indexes back without their order:
    the ranking index gets its "most votes first" again."""
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.drop_index("ix_ideas_process_ranking")
        batch_op.create_index("ix_ideas_process_ranking", ["process_id", sa.text("vote_count DESC"), "title", "id"],
                              unique=False)


def downgrade():
    for table in ("comments", "ideas"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_partner_id_partners"), type_="foreignkey")
            batch_op.drop_index(batch_op.f(f"ix_{table}_partner_id"))
            batch_op.drop_column("partner_id")
    _rank_descending()
    op.drop_index(op.f("ix_invitation_members_user_id"), table_name="invitation_members")
    op.drop_index(op.f("ix_invitation_members_invitation_id"), table_name="invitation_members")
    op.drop_table("invitation_members")
    op.drop_index(op.f("ix_process_invitations_process_id"), table_name="process_invitations")
    op.drop_index(op.f("ix_process_invitations_partner_id"), table_name="process_invitations")
    op.drop_table("process_invitations")
    op.execute("UPDATE processes SET audience = 'staff' WHERE audience = 'invited'")
    with op.batch_alter_table("processes", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_processes_known_audience"), type_="check")
        batch_op.create_check_constraint("known_audience", "audience IN ('public', 'staff', 'councils')")
