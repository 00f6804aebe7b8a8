"""Database behaviour that SQLAlchemy leaves to us: SQLite pragmas, models import, timestamps."""

from datetime import UTC, datetime

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine


def utcnow() -> datetime:
    """Naive UTC, as stored in every DateTime column."""
    return datetime.now(UTC).replace(tzinfo=None)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def import_models() -> None:
    """Import every model module so that metadata (and Alembic) sees all tables."""
    from participation.accounts import models as _accounts  # noqa: F401
    from participation.advisory import models as _advisory  # noqa: F401
    from participation.core import models as _core  # noqa: F401
    from participation.ideas import models as _ideas  # noqa: F401
    from participation.mail import models as _mail  # noqa: F401
    from participation.processes import models as _processes  # noqa: F401
    from participation.votes import models as _votes  # noqa: F401


def init_app(app: Flask) -> None:
    import_models()
