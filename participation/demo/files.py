"""The files of a city's folder (`participation/demo/<city>/`), read the one way every loader reads them."""

import json
from pathlib import Path


def read_json(folder: Path, name: str):
    """The JSON file `name` of the city's folder, parsed; None when the city has no such file."""
    path = folder / name
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
