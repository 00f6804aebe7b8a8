"""The frozen result of a vote phase as an export kind: ranks and totals, never who voted."""

from collections.abc import Iterator

from flask_babel import lazy_gettext as _l

from participation.exports.kinds import stream
from participation.exports.registry import Column, ExportOptions, register_export
from participation.extensions import db
from participation.processes.models import Process
from participation.votes.models import ResultRow, ResultSnapshot

RESULT_COLUMNS = [
    Column("id", "rij", "Number of the row in the frozen result."),
    Column("process", "traject", "Slug of the process."),
    Column("closed_at", "gesloten_op", "When the vote phase closed (Brussels time)."),
    Column("rank", "plaats", "Place in the ranking; ideas with the same total share a place."),
    Column("shared", "gedeelde_plaats", "ja when the place is shared with another idea."),
    Column("idea_id", "idee_id", "Number of the idea (empty if the idea was deleted later)."),
    Column("title", "titel", "Title of the idea as it was when the result was frozen."),
    Column("votes", "stemmen", "Votes the idea received."),
]


def result_rows(options: ExportOptions) -> Iterator[tuple]:
    statement = (
        db.select(
            ResultRow.id, Process.slug, ResultSnapshot.closed_at, ResultRow.rank, ResultRow.shared,
            ResultRow.idea_id, ResultRow.title, ResultRow.votes,
        )
        .join(ResultSnapshot, ResultRow.snapshot_id == ResultSnapshot.id)
        .join(Process, ResultSnapshot.process_id == Process.id)
        .order_by(Process.slug, ResultRow.position)
    )
    if options.process_id is not None:
        statement = statement.where(ResultSnapshot.process_id == options.process_id)
    for row in stream(statement):
        yield (*row[:4], "ja" if row[4] else "nee", *row[5:])


register_export(
    "vote_result", _l("Frozen result of a vote phase"), RESULT_COLUMNS, result_rows, public=True,
    description=_l("The ranking as frozen when the vote phase closed: places, titles and totals, never voters."),
)
