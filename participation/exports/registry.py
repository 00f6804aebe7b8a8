"""The export kinds: what can be exported, with which columns, and the rows that fill them.

A feature registers its kind once, at import time, in `participation/<feature>/exports.py`:

    register_export("ideas", _l("Ideas"), [Column("id", "id", "…"), …], rows=idea_rows, public=False)

and may add columns to a kind another feature owns:

    extend_export("ideas", [Column("sdg_doelen", "sdg_doelen", "…")], values=targets_for_ideas)

`rows(options)` yields tuples whose first value is the row's key (an id); `values(options, keys)`
gets the keys of a batch of rows and returns {key: tuple of the added values}, so an extension
costs one query per batch, never one per row, and the export keeps streaming.

Headers are Dutch, lower case, snake_case and stable: they are an interface that spreadsheets and
scripts rely on, so they are not translated and never renamed (docs/exports.md lists them).
"""

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

BATCH = 1000

# Every module that registers kinds, in the order the exports page lists them. They are imported when the
# app starts (the exports blueprint loads them): a name that does not exist stops the start, loudly.
EXPORT_MODULES = (
    "participation.exports.kinds",
    "participation.votes.exports",
    "participation.sdgs.exports",
    "participation.advisory.exports",
    "participation.plan.exports",
    "participation.comments.exports",
    "participation.indicators.exports",
    "participation.meetings.exports",
    "participation.partners.exports",
)


@dataclass(frozen=True)
class Column:
    """A column: `label`, when given, turns the stored code (published, people) into the word the
    screens show (Gepubliceerd, People) in the language of the export."""

    key: str
    header: str
    description: str = ""
    label: Callable[[object], object] | None = None


@dataclass(frozen=True)
class ExportOptions:
    """What the person asked for: one process (or all of them)."""

    process_id: int | None = None
    process_slug: str | None = None


RowsFn = Callable[[ExportOptions], Iterable[tuple]]
ValuesFn = Callable[[ExportOptions, list], dict]


@dataclass
class Extension:
    columns: list[Column]
    values: ValuesFn
    last: bool = False


@dataclass
class ExportKind:
    kind: str
    title: object
    columns: list[Column]
    rows: RowsFn
    public: bool = False
    description: object = ""
    by_process: bool = True
    extensions: list[Extension] = field(default_factory=list)

    @property
    def ordered_extensions(self) -> list[Extension]:
        """Extensions in the order they were added, those added with `last=True` after the others."""
        return sorted(self.extensions, key=lambda extension: extension.last)

    @property
    def all_columns(self) -> list[Column]:
        columns = list(self.columns)
        for extension in self.ordered_extensions:
            columns.extend(extension.columns)
        return columns

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.all_columns]

    def iter_rows(self, options: ExportOptions) -> Iterator[tuple]:
        """Every row, with the extensions' values added batch by batch and codes shown as words."""
        labels = [(index, column.label) for index, column in enumerate(self.all_columns) if column.label]
        for row in self._raw_rows(options):
            if labels:
                values = list(row)
                for index, label in labels:
                    if values[index] is not None:
                        values[index] = label(values[index])
                row = tuple(values)
            yield row

    def _raw_rows(self, options: ExportOptions) -> Iterator[tuple]:
        rows = iter(self.rows(options))
        extensions = self.ordered_extensions
        if not extensions:
            yield from rows
            return
        while batch := list(islice(rows, BATCH)):
            keys = [row[0] for row in batch]
            added = [extension.values(options, keys) for extension in extensions]
            for row in batch:
                values = list(row)
                for extension, found in zip(extensions, added, strict=True):
                    values.extend(found.get(row[0]) or (None,) * len(extension.columns))
                yield tuple(values)


_KINDS: dict[str, ExportKind] = {}
_LOADED = False


def register_export(
    kind: str,
    title,
    columns: list[Column],
    rows: RowsFn,
    public: bool,
    description="",
    by_process: bool = True,
) -> ExportKind:
    """Add an export kind. `public` means the kind holds nothing about a person: it may be open data."""
    headers = [column.header for column in columns]
    if len(set(headers)) != len(headers):
        raise ValueError(f"Export {kind!r} repeats a header")
    existing = _KINDS.get(kind)
    entry = ExportKind(kind, title, list(columns), rows, public, description, by_process)
    if existing is not None:
        entry.extensions = existing.extensions
    _KINDS[kind] = entry
    return entry


def extend_export(kind: str, columns: list[Column], values: ValuesFn, last: bool = False) -> None:
    """Add columns to a kind; the kind may be registered before or after its extensions. `last` keeps
    the columns after every other extension's, whatever the order the modules load in."""
    entry = _KINDS.get(kind)
    if entry is None:
        raise KeyError(f"No export kind {kind!r} to extend")
    taken = set(entry.headers)
    for column in columns:
        if column.header in taken:
            raise ValueError(f"Export {kind!r} already has a column {column.header!r}")
        taken.add(column.header)
    entry.extensions.append(Extension(list(columns), values, last))


def unregister_export(kind: str) -> None:
    _KINDS.pop(kind, None)


def load_kinds() -> None:
    """Import the modules that register kinds, once; a module that does not exist is an error."""
    global _LOADED
    if _LOADED:
        return
    for name in EXPORT_MODULES:
        importlib.import_module(name)
    _LOADED = True


def export_kinds() -> list[ExportKind]:
    load_kinds()
    return list(_KINDS.values())


def get_kind(kind: str) -> ExportKind | None:
    load_kinds()
    return _KINDS.get(kind)
