import csv
import io
import json

import openpyxl
import pytest

from participation.exports.registry import Column, extend_export, get_kind, register_export, unregister_export
from participation.exports.writers import write_csv
from participation.extensions import db
from tests.conftest import idea
from tests.exports.factories import neighbourhood


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def ideas(make_process, make_user):
    process = make_process(slug="hallo-harelbeke", title="Hallo Harelbeke")
    other = make_process(slug="inspiratienota", title="Inspiratienota 2040", audience="staff")
    desk = make_user("employee")
    first = idea(process, "Meer bomen op de markt", votes=12, neighbourhood=neighbourhood("Stasegem"),
                 author=make_user())
    second = idea(process, "Een zitbank aan de Leie; met “aanhalingstekens”", votes=30, entered_by=desk,
                  theme="people")
    hidden = idea(process, "Verborgen idee", status="hidden")
    staff = idea(other, "Koffie voor iedereen", votes=3)
    return {"process": process, "first": first, "second": second, "hidden": hidden, "staff": staff}


def test_administrator_sees_every_kind_with_its_formats(admin_client, ideas):
    page = admin_client.get("/beheer/exports").get_data(as_text=True)
    for title in ("Gebruikers", "Ideeën", "Stemtotalen per idee"):
        assert title in page
    assert "/beheer/exports/ideas.xlsx" in page
    assert "/beheer/trajecten/hallo-harelbeke/rapport.pdf" in page


def test_process_filter_keeps_the_chosen_process_in_the_links(admin_client, ideas):
    page = admin_client.get("/beheer/exports?traject=hallo-harelbeke").get_data(as_text=True)
    assert "/beheer/exports/ideas.csv?traject=hallo-harelbeke" in page
    assert "/beheer/exports/users.csv?traject" not in page


def test_ideas_csv_round_trips(admin_client, ideas):
    response = admin_client.get("/beheer/exports/ideas.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert 'filename="ideas-' in response.headers["Content-Disposition"]
    rows = read_csv(response.data)
    assert list(rows[0].keys()) == [
        "id", "traject", "titel", "status", "thema", "deelgemeente", "wijk", "stemmen", "ingediend_op", "via_loket",
        "sdg_subdoelen", "actie_codes", "sessie_id", "sessie", "namens", "tekst",
    ]
    by_title = {row["titel"]: row for row in rows}
    assert len(rows) == 4
    assert by_title["Een zitbank aan de Leie; met “aanhalingstekens”"]["via_loket"] == "ja"
    assert by_title["Meer bomen op de markt"] | {"ingediend_op": ""} == {
        "id": str(ideas["first"].id), "traject": "hallo-harelbeke", "titel": "Meer bomen op de markt",
        "status": "Gepubliceerd", "thema": "Planet", "deelgemeente": "Harelbeke", "wijk": "Stasegem", "stemmen": "12",
        "ingediend_op": "",
        "via_loket": "nee", "sdg_subdoelen": "", "actie_codes": "", "tekst": "Schaduw in de zomer.", "sessie_id": "",
        "sessie": "", "namens": "",
    }


def test_exports_say_what_the_screens_say_in_the_chosen_language(admin_client, make_process):
    process = make_process(slug="taal")
    idea(process, "Een bank", status="not_selected", theme="people",
         body="Een **bank** in de schaduw.\n\n- met een tafel\n- en een vuilbak")
    row = read_csv(admin_client.get("/beheer/exports/ideas.csv").data)[0]
    assert (row["status"], row["thema"]) == ("Niet gekozen", "People")
    assert row["tekst"] == "Een bank in de schaduw.\n\nmet een tafel\nen een vuilbak"
    admin_client.get("/taal/fr")
    row = read_csv(admin_client.get("/beheer/exports/ideas.csv").data)[0]
    assert (row["status"], row["thema"]) == ("Non retenue", "Humanité")


def test_ideas_export_for_one_process(admin_client, ideas):
    rows = read_csv(admin_client.get("/beheer/exports/ideas.csv?traject=inspiratienota").data)
    assert [row["titel"] for row in rows] == ["Koffie voor iedereen"]


def test_unknown_kind_format_or_process_is_not_found(admin_client, ideas):
    assert admin_client.get("/beheer/exports/stemmers.csv").status_code == 404
    assert admin_client.get("/beheer/exports/ideas.docx").status_code == 404
    assert admin_client.get("/beheer/exports/ideas.csv?traject=bestaat-niet").status_code == 404


def test_ideas_xlsx_opens_in_a_spreadsheet(admin_client, ideas):
    response = admin_client.get("/beheer/exports/ideas.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "traject", "titel")
    assert len(rows) == 5
    titles = {row[2]: row for row in rows[1:]}
    assert titles["Een zitbank aan de Leie; met “aanhalingstekens”"][rows[0].index("stemmen")] == 30


def test_ideas_json_is_one_array_with_dutch_keys(admin_client, ideas):
    data = json.loads(admin_client.get("/beheer/exports/ideas.json").data)
    assert len(data) == 4
    assert data[0]["titel"] == "Meer bomen op de markt"
    assert data[0]["via_loket"] is False and data[1]["via_loket"] is True


def test_vote_totals_hold_published_ideas_ranked_and_no_one(admin_client, ideas):
    rows = read_csv(admin_client.get("/beheer/exports/vote_totals.csv?traject=hallo-harelbeke").data)
    assert [(row["titel"], row["stemmen"], row["rang"]) for row in rows] == [
        ("Een zitbank aan de Leie; met “aanhalingstekens”", "30", "1"),
        ("Meer bomen op de markt", "12", "2"),
    ]


def test_only_the_users_export_holds_e_mail_addresses(admin_client, ideas, make_user):
    make_user("moderator", email="moderator@harelbeke.be")
    users = read_csv(admin_client.get("/beheer/exports/users.csv").data)
    assert {"e_mailadres", "rollen"} <= set(users[0])
    moderator = next(row for row in users if row["e_mailadres"] == "moderator@harelbeke.be")
    assert moderator["rollen"] == "Moderator, Inwoner"
    for kind in ("ideas", "vote_totals"):
        for fmt in ("csv", "json"):
            assert b"@" not in admin_client.get(f"/beheer/exports/{kind}.{fmt}").data


def test_public_kinds_have_no_column_about_a_person(app):
    from participation.exports.registry import export_kinds

    personal = ("mail", "naam", "stemmer", "gebruiker", "auteur", "user", "voter", "author")
    for kind in export_kinds():
        if kind.public:
            assert not [h for h in kind.headers if any(word in h for word in personal)], kind.kind


def test_only_administrators_export(client_as, ideas):
    assert client_as("moderator").get("/beheer/exports/ideas.csv").status_code == 403
    assert client_as(None).get("/beheer/exports/users.csv").status_code == 302


def test_a_feature_adds_columns_to_an_existing_kind(admin_client, ideas):
    calls = []

    def targets(options, keys):
        calls.append(len(keys))
        return {ideas["first"].id: ("13.2; 11.7",)}

    kind = get_kind("ideas")
    extend_export("ideas", [Column("sdg_targets", "sdg_doelen", "SDG targets.")], targets)
    try:
        rows = read_csv(admin_client.get("/beheer/exports/ideas.csv").data)
    finally:
        kind.extensions.pop()
    assert rows[0]["sdg_doelen"] == "13.2; 11.7"
    assert rows[1]["sdg_doelen"] == ""
    assert calls == [4], "one call per batch of rows, not one per row"


def test_a_kind_cannot_repeat_a_header(app):
    with pytest.raises(ValueError):
        register_export("dubbel", "Dubbel", [Column("a", "x"), Column("b", "x")], lambda o: iter(()), public=True)
    with pytest.raises(ValueError):
        extend_export("ideas", [Column("title", "titel")], lambda o, k: {})
    unregister_export("dubbel")


def test_a_title_that_looks_like_a_formula_stays_text(admin_client, make_process):
    idea(make_process(), '=HYPERLINK("http://example.org","klik")', votes=1)
    rows = read_csv(admin_client.get("/beheer/exports/ideas.csv").data)
    assert rows[0]["titel"] == "'=HYPERLINK(\"http://example.org\",\"klik\")"
    response = admin_client.get("/beheer/exports/ideas.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert sheet["C2"].data_type == "s"
    assert sheet["C2"].value == '=HYPERLINK("http://example.org","klik")'


def test_csv_writer_streams_in_chunks():
    chunks = list(write_csv(["a"], ((n,) for n in range(1200))))
    assert len(chunks) > 2
    assert b"".join(chunks).decode("utf-8-sig").splitlines()[-1] == "1199"


def test_docs_list_every_kind_and_header(app):
    from participation import ROOT
    from participation.exports.registry import export_kinds

    docs = (ROOT / "docs" / "exports.md").read_text()
    for kind in export_kinds():
        assert f"`{kind.kind}`" in docs
        for header in kind.headers:
            assert f"`{header}`" in docs, f"{kind.kind}.{header} is not documented"


def test_queries_do_not_grow_with_the_rows(admin_client, make_user, make_process, count_queries):
    process = make_process()
    make_user("moderator")
    idea(process, "Eerste")
    with count_queries() as few:
        admin_client.get("/beheer/exports/users.csv")
        admin_client.get("/beheer/exports/ideas.csv")
    for n in range(15):
        make_user("employee")
        idea(process, f"Idee {n}")
    with count_queries() as many:
        admin_client.get("/beheer/exports/users.csv")
        admin_client.get("/beheer/exports/ideas.csv")
    assert many.count == few.count


def test_ideas_export_names_the_session_an_idea_was_written_in(admin_client, make_process, make_user, make_meeting):
    from participation.ideas.services import IdeaText, enter_from_session

    process = make_process(slug="inspiratienota-2040")
    game = make_meeting(process, month_only=True)
    enter_from_session(process, make_user("moderator"), IdeaText(title="Groene speelplaatsen", body="Uit de zaal.",
                                                                 theme="planet"), game.id)
    db.session.commit()
    row = read_csv(admin_client.get("/beheer/exports/ideas.csv").data)[0]
    assert (row["via_loket"], row["sessie_id"], row["sessie"]) == ("nee", str(game.id), "het SDG-spel")


def test_ideas_export_names_the_partner_an_idea_was_proposed_on_behalf_of(admin_client, ideas):
    from participation.partners.models import Partner

    w13 = Partner(slug="w13", name="W13", full_name="Intergemeentelijke vereniging W13")
    db.session.add(w13)
    db.session.flush()
    ideas["second"].partner_id = w13.id
    db.session.commit()
    rows = read_csv(admin_client.get("/beheer/exports/ideas.csv").data)
    assert {row["titel"]: row["namens"] for row in rows} == {
        "Meer bomen op de markt": "", "Een zitbank aan de Leie; met “aanhalingstekens”": "W13",
        "Verborgen idee": "", "Koffie voor iedereen": "",
    }


def test_comments_export_names_the_partner_a_comment_was_written_on_behalf_of(admin_client, ideas):
    from participation.comments.models import Comment
    from participation.partners.models import Partner

    w13 = Partner(slug="w13", name="W13", full_name="Intergemeentelijke vereniging W13")
    db.session.add(w13)
    db.session.flush()
    db.session.add_all([Comment(idea_id=ideas["first"].id, body="Dat helpt ook Bavikhove.", partner_id=w13.id),
                        Comment(idea_id=ideas["first"].id, body="Graag, aan de kerk.")])
    db.session.commit()
    data = admin_client.get("/beheer/exports/comments.csv").data
    assert data.decode("utf-8-sig").splitlines()[0].endswith(";geplaatst_op;namens")
    assert {row["tekst"]: row["namens"] for row in read_csv(data)} == {
        "Dat helpt ook Bavikhove.": "W13", "Graag, aan de kerk.": "",
    }
