"""search_index: one search index of processes, ideas, plan actions, SDG targets and ambition points

Revision ID: search_index
Revises: idea_points
Create Date: 2026-12-01 15:35:00

The words are indexed the database's own way: on PostgreSQL a GIN index over to_tsvector('dutch', words);
on SQLite an FTS5 table whose rowid is the document's id (the words stemmed by the application).
Run `participation search rebuild` once after this upgrade to index what is already there.
"""
from alembic import op
import sqlalchemy as sa


revision = "search_index"
down_revision = "idea_points"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref", sa.String(length=80), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=True),
        sa.Column("is_public", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["process_id"], ["processes.id"], name=op.f("fk_search_documents_process_id_processes"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
        sa.UniqueConstraint("kind", "ref", name="uq_search_documents_kind_ref"),
    )
    with op.batch_alter_table("search_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_documents_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_search_documents_process_id"), ["process_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_search_documents_words_dutch ON search_documents "
                   "USING gin (to_tsvector('dutch'::regconfig, words))")
    else:
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_documents_words_dutch")
    else:
        op.execute("DROP TABLE IF EXISTS search_fts")
    with op.batch_alter_table("search_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_documents_process_id"))
        batch_op.drop_index(batch_op.f("ix_search_documents_kind"))
    op.drop_table("search_documents")
