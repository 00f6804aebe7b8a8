"""A checked plan file, kept for a day so that the administrator can import it after the dry run without
choosing it again. Files live in the instance folder under a random token; nothing else reaches the path."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from flask import current_app

MAX_AGE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "plan-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(data: bytes) -> str:
    """Store a checked file and return its token; files older than a day are removed on the way."""
    folder = _folder()
    for old in folder.glob("*.upload"):
        if time.time() - old.stat().st_mtime > MAX_AGE_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(16)
    (folder / f"{token}.upload").write_bytes(data)
    return token


def read(token: str | None) -> bytes | None:
    if not token or not _TOKEN.fullmatch(token):
        return None
    path = _folder() / f"{token}.upload"
    return path.read_bytes() if path.exists() else None


def discard(token: str | None) -> None:
    if token and _TOKEN.fullmatch(token):
        (_folder() / f"{token}.upload").unlink(missing_ok=True)
