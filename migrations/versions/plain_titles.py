"""plain_titles: titles stored HTML-escaped ("Fiets &amp; wandel") become the text people typed

Revision ID: plain_titles
Revises: indicators
Create Date: 2026-12-01 15:40:00

Earlier versions passed an idea's title through an HTML cleaner that escaped it, so "Fiets & wandel:
3 < 5 > 2" was stored as "Fiets &amp; wandel: 3 &lt; 5 &gt; 2" and shown and exported with the
entities. Titles are now stored as typed and escaped only when shown; this revision decodes the
entities of the titles stored before (also in the record of moderators' corrections).
"""
import html

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "plain_titles"
down_revision = "indicators"
branch_labels = None
depends_on = None

COLUMNS = {"ideas": ("title",), "idea_edits": ("old_title", "new_title")}


def repair_titles(connection) -> int:
    """Decode HTML entities in stored titles; returns how many values changed."""
    changed = 0
    for table_name, columns in COLUMNS.items():
        table = sa.table(table_name, sa.column("id", sa.Integer), *(sa.column(c, sa.String) for c in columns))
        for column in columns:
            rows = connection.execute(
                sa.select(table.c.id, table.c[column]).where(table.c[column].like("%&%;%"))
            ).all()
            for row_id, value in rows:
                plain = html.unescape(value)
                if plain != value:
                    connection.execute(table.update().where(table.c.id == row_id).values({column: plain}))
                    changed += 1
    return changed


def upgrade():
    repair_titles(op.get_bind())


def downgrade():
    pass  # the escaped form was the fault; nothing to restore
