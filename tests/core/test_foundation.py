import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from babel.messages.pofile import read_po
from sqlalchemy import text

from participation import ROOT, create_app
from participation.extensions import db
from participation.i18n import money


def not_full_text(name, type_, parent_names) -> bool:
    """The search index's full text is made by its migration alone, per database: SQLite's FTS5 table (and
    its shadow tables), PostgreSQL's GIN index over to_tsvector('dutch', words)."""
    if type_ == "table" and name.startswith("search_fts"):
        return False
    return not (type_ == "index" and name == "ix_search_documents_words_dutch")


def test_migrations_produce_the_models_schema(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": not_full_text})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"Models and migrations differ; add a migration: {differences}"


def test_nl_catalogue_is_complete():
    with open(ROOT / "translations" / "nl" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalogue = read_po(handle)
    missing = [
        message.id for message in catalogue
        if message.id and (not message.string or (isinstance(message.string, tuple) and not all(message.string)))
    ]
    fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
    assert not missing, f"Untranslated in nl: {missing}"
    assert not fuzzy, f"Fuzzy in nl: {fuzzy}"


def test_every_message_in_the_code_is_in_the_catalogue():
    """A new string must be extracted into the catalogues, not only written in the code."""
    from babel.messages.extract import extract_from_dir

    with open(ROOT / "translations" / "nl" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        known = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(handle)}
    method_map = [("participation/**.py", "python"), ("templates/**.html", "jinja2")]
    keywords = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)}
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    assert not sorted(found - known), f"Run `make extract` and translate: {sorted(found - known)}"


def test_home_page_speaks_dutch_by_default(client):
    response = client.get("/")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="nl">' in body
    assert "Naar de inhoud" in body


def test_language_choice_is_remembered(client):
    client.get("/taal/fr?next=/")
    body = client.get("/").get_data(as_text=True)
    assert '<html lang="fr">' in body
    client.get("/taal/en")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_language_switch_does_not_redirect_off_site(client):
    response = client.get("/taal/fr?next=https://evil.example/")
    assert response.headers["Location"] == "/"


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_production_refuses_to_start_without_a_real_secret(monkeypatch):
    import config

    monkeypatch.setattr(config.ProductionConfig, "SECRET_KEY", config.DEV_SECRET)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production")


def test_production_cookies_are_secure(monkeypatch):
    import config

    monkeypatch.setattr(config.ProductionConfig, "SECRET_KEY", "x" * 40)
    monkeypatch.setattr(config.ProductionConfig, "PUBLIC_URL", "https://participatie.harelbeke.be")
    app = create_app("production", SQLALCHEMY_DATABASE_URI="sqlite://")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True


def test_sqlite_runs_with_foreign_keys_and_wal(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas only apply to SQLite")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_money_and_numbers_in_belgian_format(app):
    with app.test_request_context():
        assert money(533300) == "5.333 €"
        assert money(703573900) == "7.035.739 €"
        assert money(123456) == "1.234,56 €"
        from datetime import date

        from participation.i18n import belgian_date, belgian_number

        assert belgian_date(date(2026, 11, 24)) == "24/11/2026"
        assert belgian_number(28000) == "28.000"


def test_csrf_is_required_when_enabled(app, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = app.test_client()
        response = client.post("/account/aanmelden", data={"email": "a@example.org", "password": "x"})
        assert response.status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_crash_shows_a_dutch_error_page_and_rolls_back(app):
    from participation.core.models import City

    crashing = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])

    @crashing.route("/_boom")
    def boom():
        db.session.add(City(name="Half", slug="half"))
        db.session.flush()
        raise RuntimeError("boom")

    response = crashing.test_client().get("/_boom")
    assert response.status_code == 500
    assert "Er ging bij ons iets mis" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(City).where(City.slug == "half")) is None


def test_process_description_renders_allowed_html_and_drops_scripts(client, make_process):
    process = make_process()
    process.description = '<p>Met <strong>jou</strong></p><script>alert(1)</script><img src=x onerror=alert(1)>'
    db.session.commit()
    body = client.get(f"/trajecten/{process.slug}").get_data(as_text=True)
    assert "<p>Met <strong>jou</strong></p>" in body
    assert "<script>alert" not in body and "onerror" not in body
