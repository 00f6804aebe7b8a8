"""The pool asks the database whether a connection lives only when it lay idle, and replaces a dead one."""

from sqlalchemy import create_engine, text
from sqlalchemy.pool import QueuePool

from participation.database import keep_connections_alive


def pool_engine(tmp_path, idle_seconds: float):
    engine = create_engine(f"sqlite:///{tmp_path / 'pool.db'}", poolclass=QueuePool, pool_size=1)
    keep_connections_alive(engine, idle_seconds)
    pings = []
    real_ping = engine.dialect.do_ping

    def counted_ping(dbapi_connection):
        pings.append(dbapi_connection)
        return real_ping(dbapi_connection)

    engine.dialect.do_ping = counted_ping
    return engine, pings


def use(engine):
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        return connection.connection.dbapi_connection


def test_a_connection_in_steady_use_is_not_pinged(tmp_path):
    engine, pings = pool_engine(tmp_path, idle_seconds=60)
    for _ in range(3):
        use(engine)
    assert pings == []


def test_a_connection_idle_longer_than_the_setting_is_pinged_first(tmp_path):
    engine, pings = pool_engine(tmp_path, idle_seconds=0)
    first = use(engine)
    assert pings == []  # a new connection needs no check
    assert use(engine) is first
    assert pings == [first]


def test_a_connection_that_died_while_idle_is_replaced_before_use(tmp_path):
    engine, pings = pool_engine(tmp_path, idle_seconds=0)
    dead = use(engine)

    def dead_ping(dbapi_connection):
        pings.append(dbapi_connection)
        if dbapi_connection is dead:
            raise engine.dialect.loaded_dbapi.OperationalError("server closed the connection unexpectedly")
        return True

    engine.dialect.do_ping = dead_ping
    fresh = use(engine)
    assert fresh is not dead
    assert pings[0] is dead


def test_the_app_replaces_connections_after_a_while_instead_of_pinging_each(app):
    assert "pool_pre_ping" not in app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_recycle"] > 0
