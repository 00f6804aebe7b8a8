"""When the database is unreachable the site answers at once with a clear 503, and recovers by itself."""

from participation import create_app
from tests.conftest import IsolatedClient


def unreachable_app(tmp_path):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'weg' / 'nergens.db'}")
    app.test_client_class = IsolatedClient
    return app


def test_unreachable_database_gives_a_dutch_503_with_retry_after(tmp_path):
    response = unreachable_app(tmp_path).test_client().get("/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    body = response.get_data(as_text=True)
    assert "De site is even niet bereikbaar" in body
    assert '<html lang="nl">' in body


def test_a_signed_in_visitor_gets_the_same_page(tmp_path):
    client = unreachable_app(tmp_path).test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1:" + "t" * 43  # a login, as the login form leaves it
        session["lang"] = "fr"
    response = client.get("/account")
    assert response.status_code == 503
    assert '<html lang="fr">' in response.get_data(as_text=True)


def test_the_app_recovers_when_the_database_comes_back(tmp_path):
    (tmp_path / "weg").mkdir()
    app = unreachable_app(tmp_path)
    (tmp_path / "weg").rmdir()
    client = app.test_client()
    assert client.get("/").status_code == 503
    (tmp_path / "weg").mkdir()
    with app.app_context():
        import flask_migrate

        flask_migrate.upgrade()
    assert client.get("/").status_code == 200


def test_a_connection_lost_after_the_answer_keeps_the_answer(app):
    """The database restarts between the last query and the end of the request: the answer stands."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from participation.extensions import db

    lost = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])

    @lost.route("/_weg")
    def gone():
        db.session.execute(text("SELECT 1"))

        def close():
            raise OperationalError("ROLLBACK", {}, Exception("terminating connection due to administrator command"))

        db.session().close = close
        return "klaar"

    response = lost.test_client().get("/_weg")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "klaar"


def test_an_error_page_that_cannot_reach_the_database_becomes_the_503_page(tmp_path):
    client = unreachable_app(tmp_path).test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1:" + "t" * 43
    response = client.get("/bestaat-niet")
    assert response.status_code == 503
    assert "De site is even niet bereikbaar" in response.get_data(as_text=True)
