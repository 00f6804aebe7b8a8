"""Running an export: the same path for the admin page and the command line."""

from collections.abc import Iterator
from datetime import date

from participation.clock import brussels_today
from participation.exports.registry import ExportKind, ExportOptions, get_kind
from participation.exports.writers import FORMATS, write
from participation.extensions import db
from participation.processes.models import Process


class ExportError(Exception):
    """Something the person asked for does not exist."""


def resolve(kind_name: str, fmt: str, process_slug: str | None) -> tuple[ExportKind, ExportOptions]:
    kind = get_kind(kind_name)
    if kind is None:
        raise ExportError(f"Unknown export kind: {kind_name}")
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format: {fmt}")
    if not process_slug or not kind.by_process:
        return kind, ExportOptions()
    process_id = db.session.scalar(db.select(Process.id).where(Process.slug == process_slug))
    if process_id is None:
        raise ExportError(f"Unknown process: {process_slug}")
    return kind, ExportOptions(process_id=process_id, process_slug=process_slug)


def export_bytes(kind: ExportKind, fmt: str, options: ExportOptions) -> Iterator[bytes]:
    return write(fmt, kind.headers, kind.iter_rows(options), sheet=kind.kind)


def filename(kind: ExportKind, fmt: str, options: ExportOptions, today: date | None = None) -> str:
    parts = [kind.kind.replace("_", "-")]
    if options.process_slug:
        parts.append(options.process_slug)
    parts.append((today or brussels_today()).isoformat())
    return "-".join(parts) + f".{fmt}"
