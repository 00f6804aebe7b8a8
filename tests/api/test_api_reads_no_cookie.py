"""The open-data API is the same for everyone: it reads no session cookie, so a signed-in person's request
is answered (and cached) as an anonymous one, and the API never changes a session."""


from tests.conftest import idea


def test_a_signed_in_request_gets_the_anonymous_answer_from_the_cache(cached, client, resident_client,
                                                                      make_process):
    process = make_process(slug="hallo")
    idea(process, "Bomen langs de Leie")
    path = f"/api/v1/processes/{process.slug}/ideas"
    anonymous = client.get(path)
    signed_in = resident_client.get(path)
    assert signed_in.status_code == 200
    assert signed_in.headers.get("X-Page-Cache") == "hit"
    assert signed_in.data == anonymous.data


def test_the_api_neither_reads_nor_writes_the_session(client_as, make_process):
    make_process(slug="hallo")
    resident = client_as("resident")
    with resident.session_transaction() as session:
        session["lang"] = "fr"
        before = dict(session)
    response = resident.get("/api/v1/processes/hallo/ideas")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")
    with resident.session_transaction() as session:
        assert dict(session) == before
    assert resident.get("/account").status_code == 200  # still signed in on the site's pages


def test_the_html_pages_still_read_the_session(resident_client):
    assert resident_client.get("/account").status_code == 200
    assert resident_client.get("/api/v1/processes").status_code == 200
