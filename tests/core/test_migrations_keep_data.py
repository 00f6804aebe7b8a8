"""Upgrading a city's existing database keeps its rows: on SQLite, a migration that copies a table (ideas,
when wijken came) must not delete what points to it (follows, votes)."""

import sqlite3

import flask_migrate
import pytest

from participation import create_app


def test_upgrading_an_existing_sqlite_database_across_a_table_copy_keeps_follows(app, tmp_path):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL alters tables in place; the copy-and-drop is SQLite's way of altering a table")
    path = tmp_path / "city.db"
    older = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}")
    with older.app_context():
        flask_migrate.upgrade(revision="note_as_signed")  # the revision before wijken copied the ideas table
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO users (id, email, display_name, password_hash, locale, created_at) "
                     "VALUES (1, 'an@harelbeke.example', 'An', 'x', 'nl', '2026-01-01')")
        conn.execute("INSERT INTO processes (id, slug, title, summary, description, audience, created_at) "
                     "VALUES (1, 'hallo-harelbeke', 'Hallo Harelbeke', '', '', 'public', '2026-01-01')")
        conn.execute("INSERT INTO ideas (id, process_id, title, body, theme, author_id, on_behalf_consent, status, "
                     "vote_count, created_at, updated_at) VALUES (1, 1, 'Een hondenweide in Stasegem', '', "
                     "'people', 1, 0, 'published', 0, '2026-01-01', '2026-01-01')")
        conn.execute("INSERT INTO follows (user_id, idea_id, created_at) VALUES (1, 1, '2026-01-01')")
    with older.app_context():
        flask_migrate.upgrade()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM follows").fetchone() == (1,)
        assert conn.execute("SELECT title FROM ideas").fetchone() == ("Een hondenweide in Stasegem",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
