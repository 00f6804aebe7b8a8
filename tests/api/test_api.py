from participation.database import utcnow
from tests.conftest import idea
from tests.exports.factories import district, neighbourhood


def test_processes_list_only_public_processes_paginated(client, make_process):
    for n in range(3):
        make_process(slug=f"publiek-{n}")
    make_process("staff", slug="personeel")
    make_process("councils", slug="raden")

    body = client.get("/api/v1/processes?per_page=2").get_json()

    assert body["meta"] == {"page": 1, "per_page": 2, "total": 3, "pages": 2}
    assert len(body["data"]) == 2
    assert body["links"]["next"].endswith("/api/v1/processes?page=2&per_page=2")
    assert body["links"]["prev"] is None
    second = client.get("/api/v1/processes?page=2&per_page=2").get_json()
    slugs = {p["slug"] for p in body["data"] + second["data"]}
    assert slugs == {"publiek-0", "publiek-1", "publiek-2"}


def test_per_page_is_capped(client, make_process):
    make_process()
    assert client.get("/api/v1/processes?per_page=5000").get_json()["meta"]["per_page"] == 100


def test_staff_and_council_processes_are_not_open_data(client, make_process):
    staff = make_process("staff", slug="personeel")
    hidden = idea(staff, "Interne koffie", votes=3)
    assert client.get("/api/v1/processes/personeel").status_code == 404
    assert client.get("/api/v1/processes/personeel/ideas").status_code == 404
    assert client.get(f"/api/v1/ideas/{hidden.id}").status_code == 404
    assert client.get("/api/v1/processes/personeel").get_json() == {"error": {"status": 404, "message": "Not Found"}}


def test_process_ideas_show_published_ideas_with_vote_totals(client, make_process, make_user):
    process = make_process(slug="hallo-harelbeke")
    idea(process, "Bomen", votes=5, author=make_user(), district=district("Bavikhove"))
    idea(process, "Zitbanken", votes=9, status="selected", answer="<p>Goed idee<script>x</script></p>")
    idea(process, "Nog te modereren", status="submitted")
    idea(process, "Verborgen", status="hidden")

    body = client.get("/api/v1/processes/hallo-harelbeke/ideas").get_json()

    assert [(i["title"], i["vote_count"]) for i in body["data"]] == [("Zitbanken", 9), ("Bomen", 5)]
    assert body["data"][1]["district"]["name"] == "Bavikhove"
    assert "<script>" not in body["data"][0]["answer"]


def test_one_idea_and_hidden_ideas_are_not_found(client, make_process):
    process = make_process()
    shown = idea(process, "Bomen", votes=5)
    submitted = idea(process, "Nog te modereren", status="submitted")
    assert client.get(f"/api/v1/ideas/{shown.id}").get_json()["vote_count"] == 5
    assert client.get(f"/api/v1/ideas/{submitted.id}").status_code == 404


def test_process_detail_has_phases(client, make_process):
    make_process(slug="hallo-harelbeke", phases=[("propose", -2, 5), ("vote", 5, 10)])
    body = client.get("/api/v1/processes/hallo-harelbeke").get_json()
    assert [p["kind"] for p in body["phases"]] == ["propose", "vote"]
    assert body["current_phase"] == "propose"
    assert body["phases"][0]["starts_at"] < utcnow().isoformat()


def test_idea_list_does_not_query_per_idea(client, make_process, count_queries):
    process = make_process(slug="veel")
    hulste, stasegem = district("Hulste"), neighbourhood("Stasegem", district("Harelbeke"))
    for n in range(12):
        if n % 2:
            idea(process, f"Idee {n}", votes=n, district=hulste)
        else:
            idea(process, f"Idee {n}", votes=n, neighbourhood=stasegem)
    with count_queries() as few:
        client.get("/api/v1/processes/veel/ideas?per_page=2")
    with count_queries() as many:
        client.get("/api/v1/processes/veel/ideas?per_page=12")
    assert many.count == few.count
