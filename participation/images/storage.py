"""Where uploaded pictures are kept: a small interface, and the one implementation in a folder.

Another store (an object store, a CDN) implements the same three methods and is chosen in `storage()`.
A key is made here, never from a name someone typed, so no path can leave the folder.
"""

import os
import re
import secrets
from pathlib import Path
from typing import Protocol

from flask import current_app

KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class PictureStorage(Protocol):
    def save(self, key: str, data: bytes) -> None: ...

    def read(self, key: str) -> bytes | None: ...

    def delete(self, key: str) -> None: ...

    def keys(self) -> list[str]: ...


def new_key() -> str:
    return secrets.token_urlsafe(24)


class FolderStorage:
    """Files in one folder (UPLOAD_FOLDER), named by their key; written to a temporary name first, so a
    reader never sees half a file."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        if not KEY.match(key):
            raise ValueError("not a picture key")
        return self.folder / key

    def save(self, key: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(key)
        partial = path.with_name(f".{key}.part")
        partial.write_bytes(data)
        os.replace(partial, path)

    def read(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, ValueError):
            return None

    def delete(self, key: str) -> None:
        try:
            self._path(key).unlink(missing_ok=True)
        except ValueError:
            pass

    def keys(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(path.name for path in self.folder.iterdir() if KEY.match(path.name))


def storage() -> PictureStorage:
    return FolderStorage(current_app.config["UPLOAD_FOLDER"])
