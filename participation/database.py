"""Database behaviour that SQLAlchemy leaves to us: SQLite pragmas, models import, timestamps, the pool's
check of idle connections."""

import time

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, DisconnectionError

from participation.clock import utcnow  # noqa: F401  (models import it from here)


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
    from participation.comments import models as _comments  # noqa: F401
    from participation.core import models as _core  # noqa: F401
    from participation.ideas import models as _ideas  # noqa: F401
    from participation.indicators import models as _indicators  # noqa: F401
    from participation.mail import models as _mail  # noqa: F401
    from participation.meetings import models as _meetings  # noqa: F401
    from participation.notifications import models as _notifications  # noqa: F401
    from participation.partners import models as _partners  # noqa: F401
    from participation.plan import models as _plan  # noqa: F401
    from participation.processes import models as _processes  # noqa: F401
    from participation.sdgs import models as _sdgs  # noqa: F401
    from participation.votes import models as _votes  # noqa: F401


def release_session(error: BaseException | None = None) -> None:
    """End the request's session without letting a dead connection turn a finished answer into a 500.

    When the database restarts between the last query and the end of the request, the final
    rollback fails; the connection is dropped from the pool and the answer stands (anything the
    request committed is already safe).
    """
    from participation.extensions import db

    try:
        db.session.remove()
    except DBAPIError:
        try:
            db.session().invalidate()
        except DBAPIError:
            pass
        db.session.registry.clear()


def keep_connections_alive(engine: Engine, idle_seconds: float) -> None:
    """Check a pooled connection with one round trip only when it lay unused for `idle_seconds`.

    SQLAlchemy's `pool_pre_ping` asks the database before every checkout, so every request paid one more
    round trip. A connection in steady use is known to be alive; one that sat idle may have been cut by a
    database restart or a firewall, and is replaced here before a request uses it (the pool retries the
    checkout with a new connection). A restart while the worker is busy fails the requests in flight
    (the 503 page of errors.py), and SQLAlchemy then drops every connection of the pool opened before.
    """

    @event.listens_for(engine, "checkin")
    def _note_idle_since(_dbapi_connection, record) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection, record, _proxy) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise DisconnectionError("the connection died while idle") from error
        if not alive:
            raise DisconnectionError("the connection died while idle")


def init_app(app: Flask) -> None:
    import_models()
    from participation.extensions import db

    with app.app_context():
        keep_connections_alive(db.engine, app.config.get("DATABASE_PING_AFTER_SECONDS", 10))
    # Registered after Flask-SQLAlchemy's own teardown, so it runs first and leaves it nothing to do.
    app.teardown_appcontext(release_session)
