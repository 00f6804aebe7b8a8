"""No request is read past a size limit: the largest upload (the plan, or an idea's photos) plus a margin."""

import io

import pytest

from participation import create_app
from tests.conftest import IsolatedClient

MB = 1024 * 1024


def big_post(client, url: str, size: int):
    data = {"email": "x@example.org", "password": "iets", "file": (io.BytesIO(b"x" * size), "groot.bin")}
    return client.post(url, data=data, content_type="multipart/form-data")


def test_the_limit_is_the_largest_upload_plus_a_margin(app):
    plan = app.config["PLAN_UPLOAD_MAX_MB"] * MB
    photos = app.config["IMAGES_PER_IDEA"] * app.config["IMAGE_MAX_MB"] * MB
    largest = max(plan, photos)
    assert largest < app.config["MAX_CONTENT_LENGTH"] <= largest + 2 * MB


@pytest.mark.parametrize("url", ["/account/aanmelden", "/account/registreren"])
def test_an_oversized_anonymous_post_gets_a_dutch_413(app, client, url):
    response = big_post(client, url, app.config["MAX_CONTENT_LENGTH"] + 1)
    assert response.status_code == 413
    body = response.get_data(as_text=True)
    assert "Te veel tegelijk" in body
    assert '<html lang="nl">' in body


def test_a_post_within_the_limit_is_read(client):
    response = big_post(client, "/account/aanmelden", 100_000)
    assert response.status_code == 200


def test_the_limit_follows_the_plan_upload_setting(app):
    small = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], PLAN_UPLOAD_MAX_MB=1,
                       IMAGE_MAX_MB=0)
    small.test_client_class = IsolatedClient
    assert MB < small.config["MAX_CONTENT_LENGTH"] <= 3 * MB
    assert big_post(small.test_client(), "/account/aanmelden", 3 * MB + 1).status_code == 413


def test_the_operator_may_set_the_limit(app):
    own = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                     MAX_CONTENT_LENGTH=20 * MB)
    assert own.config["MAX_CONTENT_LENGTH"] == 20 * MB


def test_a_limit_below_the_plan_upload_is_refused_at_start(app):
    with pytest.raises(RuntimeError, match="MAX_CONTENT_LENGTH"):
        create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], MAX_CONTENT_LENGTH=MB)


def test_a_limit_below_an_ideas_photos_is_refused_at_start(app):
    with pytest.raises(RuntimeError, match="IMAGES_PER_IDEA"):
        create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], MAX_CONTENT_LENGTH=10 * MB)


def test_a_plan_file_just_over_its_own_limit_gets_the_form_message(app, client_as):
    admin = client_as("administrator")
    size = app.config["PLAN_UPLOAD_MAX_MB"] * MB + 1
    response = admin.post("/beheer/plan", data={"file": (io.BytesIO(b"x" * size), "plan.csv"), "dry_run": "1"},
                          content_type="multipart/form-data")
    assert response.status_code == 200
    assert "groter dan" in response.get_data(as_text=True)
