"""Fixtures: the app on SQLite (or PostgreSQL with TEST_DATABASE_URL), a clean database per test,
factories, and clients logged in per role."""

import contextvars
import os
from contextlib import contextmanager
from datetime import timedelta

import flask_migrate
import pytest
from flask.testing import FlaskClient
from sqlalchemy import event, text

from participation import create_app
from participation.access import ROLES
from participation.accounts.models import User, UserRole
from participation.accounts.sessions import start_login
from participation.database import utcnow
from participation.extensions import db as _db
from participation.ideas import services as idea_services
from participation.ideas.models import Idea
from participation.mail.models import OutboxMessage
from participation.page_cache import cache
from participation.processes.models import Phase, Process
from participation.votes.models import VoteRule

PASSWORD = "Wachtwoord-2026"


def reset_schema(app) -> None:
    """Start from an empty database, then build it the way production does: with the migrations."""
    with app.app_context():
        engine = _db.engine
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        else:
            _db.drop_all()
            with engine.begin() as conn:
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        flask_migrate.upgrade()


def data_tables():
    return [t for t in reversed(_db.metadata.sorted_tables) if not t.info.get("reference")]


def clean_tables() -> None:
    _db.session.remove()
    engine = _db.engine
    tables = data_tables()
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())
            conn.execute(text("DELETE FROM search_fts"))  # the search index's FTS5 table, made by its migration


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: its own `g`, its own session.

    The test's own session is expired afterwards, so the test reads what the request committed.
    """

    def open(self, *args, **kwargs):
        # A streamed response is read inside the request's own context, as a server would.
        kwargs.setdefault("buffered", True)
        response = contextvars.Context().run(super().open, *args, **kwargs)
        try:
            _db.session.expire_all()
        except RuntimeError:
            pass
        return response


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    uploads = tmp_path_factory.mktemp("uploads")
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, UPLOAD_FOLDER=str(uploads))
    app.test_client_class = IsolatedClient
    reset_schema(app)
    with app.app_context():
        for loader in app.config.get("REFERENCE_LOADERS", []):
            loader()
        _db.session.commit()
    return app


@pytest.fixture(scope="session")
def development_app(app):
    """The app as `make run` serves it (development settings), on the tests' database."""
    development = create_app("development", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                             WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    development.test_client_class = IsolatedClient
    return development


@pytest.fixture(autouse=True)
def db(app):
    """Each test in an app context, on a database emptied after it."""
    with app.app_context():
        yield _db
        clean_tables()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def password_hash(app):
    user = User(email="x@example.org", display_name="x")
    user.set_password(PASSWORD)
    return user.password_hash


@pytest.fixture
def make_user(db, password_hash):
    """make_user("moderator", email=...) -> a confirmed user with PASSWORD, committed."""
    counter = {"n": 0}

    def make(*roles: str, email: str | None = None, name: str | None = None, confirmed: bool = True) -> User:
        counter["n"] += 1
        user = User(
            email=email or f"user{counter['n']}@example.org",
            display_name=name or f"Gebruiker {counter['n']}",
            password_hash=password_hash,
            email_confirmed_at=utcnow() if confirmed else None,
        )
        for role in {"resident", *roles}:
            user.roles.append(UserRole(role=role))
        db.session.add(user)
        db.session.commit()
        return user

    return make


def log_in(client, user: User):
    """Log `user` in on `client` as the login form does: a new login row, its id in the session."""
    login_id = start_login(user)
    _db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = login_id
        session["_fresh"] = True
    return client


@pytest.fixture
def login():
    return log_in


@pytest.fixture
def client_as(app, make_user):
    """client_as("moderator") -> a test client logged in as a new user with that role."""

    def make(role: str | None, **kwargs):
        client = app.test_client()
        if role in (None, "anonymous"):
            return client
        user = make_user(role, **kwargs)
        client.user = user
        return log_in(client, user)

    return make


@pytest.fixture
def resident_client(client_as):
    return client_as("resident")


@pytest.fixture
def admin_client(client_as):
    return client_as("administrator")


@pytest.fixture
def moderator_client(client_as):
    return client_as("moderator")


@pytest.fixture
def employee_client(client_as):
    return client_as("employee")


@pytest.fixture
def outbox(db):
    def messages(recipient: str | None = None) -> list[OutboxMessage]:
        statement = _db.select(OutboxMessage).order_by(OutboxMessage.id)
        if recipient:
            statement = statement.where(OutboxMessage.recipient == recipient)
        return list(_db.session.scalars(statement))

    return messages


@pytest.fixture
def make_process(db):
    """make_process(audience="public", phases=[("propose", -1, 10)]): phases as (kind, start, end) in
    days from now; end None means open-ended."""
    counter = {"n": 0}

    def make(audience: str = "public", phases=(("propose", -1, 10),), slug: str | None = None,
             title: str | None = None) -> Process:
        counter["n"] += 1
        now = utcnow()
        process = Process(
            slug=slug or f"traject-{counter['n']}",
            title=title or f"Traject {counter['n']}",
            summary="Een traject om te testen.",
            description="<p>Beschrijving</p>",
            audience=audience,
        )
        for position, (kind, start, end) in enumerate(phases):
            process.phases.append(
                Phase(
                    kind=kind,
                    position=position,
                    starts_at=now + timedelta(days=start),
                    ends_at=None if end is None else now + timedelta(days=end),
                )
            )
        _db.session.add(process)
        _db.session.commit()
        return process

    return make


@pytest.fixture
def count_queries(app):
    """with count_queries() as counter: ...; counter.count is the number of SQL statements run."""

    @contextmanager
    def counting():
        class Counter:
            count = 0
            statements: list[str] = []

        counter = Counter()
        counter.statements = []

        def before(conn, cursor, statement, parameters, context, executemany):
            counter.count += 1
            counter.statements.append(statement)

        engine = _db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting


@pytest.fixture
def roles():
    return ("anonymous", *ROLES)


@pytest.fixture
def make_meeting(db, make_user):
    """make_meeting(process, title="het SDG-spel", attendance=[("Medewerkers", 80)]): a session in the room,
    recorded by a moderator; `held_on` a date, `month_only` when only the month is known."""
    from datetime import date

    from participation.meetings import services

    def make(process=None, round_=None, title: str = "het SDG-spel", kind: str = "game",
             held_on: date = date(2024, 1, 1), month_only: bool = False, attendance=(("Medewerkers", 80),),
             place: str = "", facilitator: str = "", report: str = ""):
        data = services.MeetingData(
            kind=kind, title=title, held_on=held_on, day_known=not month_only, place=place,
            facilitator=facilitator, report=report,
            attendance=[services.Attendance(group, count) for group, count in attendance],
        )
        meeting = services.save_meeting(services.Meeting(process=process, round=round_), data, make_user("moderator"))
        _db.session.commit()
        return meeting

    return make


def idea(process, title: str = "Meer bomen op de markt", status: str = "published", votes: int = 0,
         theme: str = "planet", author=None, district=None, entered_by=None, answer: str | None = None,
         body: str = "<p>Schaduw in de zomer.</p>", neighbourhood=None) -> Idea:
    """An idea written straight to the database, in any status and with any vote count: the factory for
    tests about what is shown, counted and exported. (``make_idea`` goes through the services instead.)"""
    district = neighbourhood.district if neighbourhood is not None else district
    made = Idea(
        process_id=process.id, title=title, body=body, theme=theme, status=status, vote_count=votes,
        author_id=author.id if author else None, district_id=district.id if district else None,
        neighbourhood_id=neighbourhood.id if neighbourhood else None,
        entered_by_id=entered_by.id if entered_by else None, answer=answer,
    )
    _db.session.add(made)
    _db.session.commit()
    return made


@pytest.fixture
def make_idea(make_user):
    """make_idea(process, title=..., status="published"): an idea submitted by a resident, then moved by a
    moderator through the services, as people make them."""
    moderator = {}

    def make(process, title="Een bank op de Markt", body="<p>Een zitbank in de schaduw.</p>", theme="people",
             status="published", author=None, district_id=None, neighbourhood_id=None) -> Idea:
        author = author or make_user()
        text = idea_services.clean_text(idea_services.IdeaText(
            title=title, body=body, theme=theme, district_id=district_id, neighbourhood_id=neighbourhood_id))
        idea = idea_services._new_idea(process, text, author, author_id=author.id)
        if status != "submitted":
            if "user" not in moderator:
                moderator["user"] = make_user("moderator")
            road = {"published": ["published"], "hidden": ["hidden"], "selected": ["published", "selected"],
                    "not_selected": ["published", "not_selected"],
                    "in_progress": ["published", "selected", "in_progress"],
                    "realised": ["published", "selected", "in_progress", "realised"]}[status]
            for step in road:
                idea_services.set_status(idea, step, moderator["user"], f"Naar {step}.", notify=False)
        _db.session.commit()
        return idea

    return make


@pytest.fixture
def cached(app):
    """The page cache on, as in production, and empty before and after the test."""
    app.config["PAGE_CACHE"] = True
    cache.clear()
    yield
    app.config["PAGE_CACHE"] = False
    cache.clear()


@pytest.fixture
def voting_process(make_process, make_idea):
    """A public process in its vote phase (dots: 5 votes, at most 3 on one idea) with one idea."""
    process = make_process("public", phases=(("propose", -20, -10), ("vote", -1, 5)), slug="stemmen")
    _db.session.add(VoteRule(process_id=process.id, kind="dots", budget=5, max_per_idea=3))
    _db.session.commit()
    return process, make_idea(process, title="Een bank op de Markt")
