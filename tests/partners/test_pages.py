"""The partners' pages, the task's partner links in the plan, the API and the export."""

import csv
import io

from participation.partners import signals
from tests.partners.helpers import load_city_partners, plan_and_partners


def test_the_index_lists_partners_with_their_counts(client):
    plan_and_partners()
    page = client.get("/partners").get_data(as_text=True)
    assert page.index(">W13</a>") < page.index(">Leiedal</a>") < page.index(">IMOG</a>")
    assert "2 taken in het plan" in page and "4 taken in het plan" in page
    assert "0 trajecten" in page
    assert 'href="/partners/w13"' in page


def test_the_index_says_when_the_city_lists_no_partner(client):
    assert "De stad heeft haar partners nog niet opgelijst." in client.get("/partners").get_data(as_text=True)


def test_a_partners_page_lists_its_tasks_with_their_action_and_goal(client):
    plan_and_partners()
    page = client.get("/partners/w13").get_data(as_text=True)
    assert "<h1>W13</h1>" in page
    assert "2 taken in het plan noemen W13" in page
    assert "GBO realiseren ism W13" in page and "Sien online regionaal uitrollen ism W13" in page
    assert 'href="/plan/acties/D03/AP02/07"' in page
    assert "D03 Goede gezondheid en welzijn" in page
    assert 'href="https://www.w13.be"' in page
    assert "W13 neemt nog aan geen enkel traject deel." in page
    assert client.get("/partners/niemand").status_code == 404


def test_a_partner_named_only_in_explanations_shows_them_apart(client):
    plan_and_partners()
    page = client.get("/partners/leiedal").get_data(as_text=True)
    assert "Geen taak van het meerjarenplan noemt deze partner." in page
    assert "Genoemd in een toelichting per kwartaal" in page
    assert "Masterplan markt/stationsomgeving" in page


def test_the_page_shows_processes_that_a_feature_relates(client, make_process):
    plan_and_partners()
    process = make_process(slug="hallo-harelbeke")

    def processes(partner, **_):
        return [process] if partner.slug == "w13" else []

    def counts(_sender, **_):
        return {1: 1}

    signals.processes_of_partner.connect(processes)
    signals.process_counts.connect(counts)
    try:
        page = client.get("/partners/w13").get_data(as_text=True)
        index = client.get("/partners").get_data(as_text=True)
    finally:
        signals.processes_of_partner.disconnect(processes)
        signals.process_counts.disconnect(counts)
    assert f'href="/trajecten/{process.slug}">{process.title}</a>' in page
    assert "1 traject" in index


def test_a_task_in_the_plan_shows_its_partner_as_a_link(client):
    plan_and_partners()
    action = client.get("/plan/acties/D03/AP02/07").get_data(as_text=True)
    assert 'Partner: <a href="/partners/w13">W13</a>' in " ".join(action.split())
    sdg = client.get("/plan/sdg/3").get_data(as_text=True)
    assert sdg.count('href="/partners/w13"') == 2


def test_partner_pages_run_a_fixed_number_of_queries(client, count_queries):
    plan_and_partners()
    client.get("/partners/w13")
    with count_queries() as index:
        client.get("/partners")
    with count_queries() as few:
        client.get("/partners/dyzo")
    with count_queries() as more:
        client.get("/partners/leiedal")
    with count_queries() as sdg_page:
        client.get("/plan/sdg/3")
    assert index.count <= 5
    assert few.count == more.count <= 8
    assert sdg_page.count <= 11


def test_the_pages_speak_french_and_english(client):
    plan_and_partners()
    client.get("/taal/fr")
    page = client.get("/partners/w13").get_data(as_text=True)
    assert "2 tâches du plan citent W13" in page and "Partenaires" in page
    client.get("/taal/en")
    assert "2 plan tasks name W13" in client.get("/partners/w13").get_data(as_text=True)


def test_the_api_carries_partners_with_their_task_links(client):
    plan_and_partners()
    data = client.get("/api/v1/partners").get_json()["data"]
    assert [partner["slug"] for partner in data][:3] == ["w13", "leiedal", "imog"]
    w13 = data[0]
    assert w13["site"] == "https://www.w13.be" and w13["full_name"] is None
    assert [(task["action"], task["title"], task["named_in"]) for task in w13["tasks"]] == [
        ("D03/AP02/06", "Sien online regionaal uitrollen ism W13", "task"),
        ("D03/AP02/07", "GBO realiseren ism W13", "task"),
    ]
    assert w13["tasks"][0]["status"] == "in_progress"
    one = client.get("/api/v1/partners/leiedal").get_json()["data"]
    assert {task["named_in"] for task in one["tasks"]} == {"explanation"} and len(one["tasks"]) == 4
    assert client.get("/api/v1/partners/niemand").status_code == 404


def test_the_api_is_described_in_the_openapi_document(client):
    load_city_partners()
    document = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/partners/{partner_slug}" in document["paths"]
    assert "Partner" in document["components"]["schemas"]


def test_the_export_has_a_row_per_partner_and_task(admin_client):
    plan_and_partners()
    exported = admin_client.get("/beheer/exports/partners.csv")
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["partner", "organisatie", "voluit", "website", "omschrijving", "actie_code", "taak",
                       "genoemd_in"]
    w13 = [row for row in rows[1:] if row[0] == "w13"]
    assert [row[5:] for row in w13] == [
        ["D03/AP02/06", "Sien online regionaal uitrollen ism W13", "taak"],
        ["D03/AP02/07", "GBO realiseren ism W13", "taak"],
    ]
    zuid_west = [row for row in rows[1:] if row[0] == "zuid-west"]
    assert len(zuid_west) == 1 and zuid_west[0][5:] == ["", "", ""]
    assert len(rows) == 1 + 19 + 2  # 19 links, and Vzw Mobiel and Zuid-West without a task
