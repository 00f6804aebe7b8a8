"""The trained suggester: trained from the database, kept in it, and loaded once per process.

``participation sdg train`` (and the set-up, after the demo load) trains a new one; every worker
notices the new one at its next suggestion. When none is kept, or the one kept was made with another
version of the learning library, the first suggestion trains one (a few seconds). The kept model is
a pickle the platform wrote itself into its own database; it is never read from anywhere else.
"""

from __future__ import annotations

import pickle
import threading
import uuid
from functools import lru_cache

import sklearn

from participation.extensions import db
from participation.sdgs.models import TrainedSuggester
from participation.sdgs.suggest import Example, SdgSuggester, Settings
from participation.sdgs.training import place_names, target_goals, training_examples

_lock = threading.RLock()
_loaded: dict[str, object] = {"key": None, "suggester": None}


def fit(examples: list[Example], settings: Settings | None = None, places: set[str] | None = None) -> SdgSuggester:
    """A suggester trained on ``examples``, ignoring the city's place names (read when not given). The
    same examples give the same suggester: it is trained once per process."""
    return _fit(tuple(examples), settings, frozenset(place_names() if places is None else places))


@lru_cache(maxsize=4)
def _fit(examples: tuple[Example, ...], settings: Settings | None, places: frozenset[str]) -> SdgSuggester:
    return SdgSuggester(settings).fit(examples, target_goals(), ignored=places)


def train_suggester(settings: Settings | None = None) -> tuple[SdgSuggester, int]:
    """Train on every labelled text in the database and keep the result (replacing the one before).
    Returns the suggester and the number of examples it learnt from."""
    examples = training_examples()
    suggester = fit(examples, settings)
    row = TrainedSuggester(
        key=uuid.uuid4().hex, library_version=sklearn.__version__, examples=len(examples),
        model=pickle.dumps(suggester, protocol=pickle.HIGHEST_PROTOCOL),
    )
    db.session.add(row)
    db.session.flush()
    db.session.execute(db.delete(TrainedSuggester).where(TrainedSuggester.id != row.id))
    db.session.commit()
    with _lock:
        _loaded.update(key=row.key, suggester=suggester)
    return suggester, len(examples)


def current_suggester() -> SdgSuggester:
    """The suggester kept in the database, loaded once per process; trained first when there is none."""
    row = db.session.execute(
        db.select(TrainedSuggester.key, TrainedSuggester.library_version)
        .order_by(TrainedSuggester.id.desc()).limit(1)
    ).first()
    if row is not None and row.key == _loaded["key"]:
        return _loaded["suggester"]
    with _lock:
        if row is None or row.library_version != sklearn.__version__:
            return train_suggester()[0]
        if row.key != _loaded["key"]:
            blob = db.session.scalar(db.select(TrainedSuggester.model).where(TrainedSuggester.key == row.key))
            try:
                suggester = pickle.loads(blob)
            except Exception:  # written by an older platform: train anew
                return train_suggester()[0]
            _loaded.update(key=row.key, suggester=suggester)
        return _loaded["suggester"]
