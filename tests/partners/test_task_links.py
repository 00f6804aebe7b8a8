"""Plan tasks that name a partner link to it, from the seeds' own texts: the report names W13 in two tasks
("Sien online regionaal uitrollen ism W13", "GBO realiseren ism W13"), DYZO in one, and Leiedal only in
quarterly explanations."""

from sqlalchemy import select

from participation.extensions import db
from participation.partners.models import Partner, TaskPartner
from participation.partners.queries import partner_rows
from participation.partners.services import alias_pattern, link_tasks, named_partners
from participation.plan.models import PlanAction, PlanTask
from tests.partners.helpers import load_city_partners, plan_and_partners
from tests.plan.helpers import example_text, import_example, import_text, replace_in_row


def links_of(slug: str) -> list[tuple[str, str, str]]:
    statement = (
        select(PlanAction.code, PlanTask.title, TaskPartner.named_in)
        .join(PlanTask, PlanTask.id == TaskPartner.task_id).join(PlanAction, PlanAction.id == PlanTask.action_id)
        .join(Partner, Partner.id == TaskPartner.partner_id).where(Partner.slug == slug)
        .order_by(PlanAction.code, PlanTask.title)
    )
    return [tuple(row) for row in db.session.execute(statement)]


def test_the_two_tasks_of_the_report_that_name_w13_link_to_it():
    report = plan_and_partners()
    assert links_of("w13") == [
        ("D03/AP02/06", "Sien online regionaal uitrollen ism W13", "task"),
        ("D03/AP02/07", "GBO realiseren ism W13", "task"),
    ]
    assert links_of("dyzo") == [("D01/AP02/02", "Ondersteuning zelfstandigen ism DYZO", "task")]
    # "In samenwerking met VZW Schuldbemiddeling …" is the action's text; its one task links through it.
    assert links_of("vzw-schuldbemiddeling") == [("D01/AP02/01", "Juridische eerstelijnsbijstand in HvW", "task")]
    assert report.links == 19


def test_a_partner_named_only_in_an_explanation_is_linked_as_such():
    plan_and_partners()
    assert links_of("leiedal") == [
        ("D10/AP01/04", "Uitwerking ideeën Hallo Harelbeke", "explanation"),
        ("D11/AP01/03", "Realisatie uitbreiding centrum I", "explanation"),
        ("D11/AP01/07", "Masterplan markt/stationsomgeving", "explanation"),
        ("D11/AP02/06", "Sociaal en technisch begeleiden van kwetsbare inwoners", "explanation"),
    ]
    # "Het theaterproject i.s.m. LARF en CC Het Spoor …"
    assert links_of("larf") == [("D10/AP02/02", "Toeleiding jongeren via Arktos", "explanation")]
    # The same task names Arktos in its title.
    assert links_of("arktos") == [("D10/AP02/02", "Toeleiding jongeren via Arktos", "task")]


def test_an_empty_alias_list_keeps_zuid_west_from_matching_zuid_west_vlaanderen():
    plan_and_partners()
    from participation.plan.models import StatusUpdate

    explanations = " ".join(db.session.scalars(select(StatusUpdate.explanation)).all())
    assert "ELZ regio Zuid-West-Vlaanderen" in explanations
    assert links_of("zuid-west") == []


def test_aliases_are_whole_words_in_any_case():
    pattern = alias_pattern(["IMOG"])
    assert pattern.search("Het restafvalcijfer in de IMOG-regio moet verder dalen.")
    assert pattern.search("Riolerings- en verkavelingsfonds imog")
    assert not pattern.search("IMOGEN") and not pattern.search("SIMOG")
    assert alias_pattern([]) is None and alias_pattern(["  "]) is None
    found = named_partners(["GBO realiseren ism W13"], ["overleg met IMOG"], {1: alias_pattern(["W13"]),
                                                                             2: alias_pattern(["IMOG"])})
    assert found == {1: "task", 2: "explanation"}


def test_the_plan_loaded_after_the_partners_is_linked_on_import():
    load_city_partners()
    assert links_of("w13") == []
    import_example()
    assert len(links_of("w13")) == 2


def test_a_reimport_whose_explanation_names_a_partner_links_the_task():
    plan_and_partners()
    assert links_of("kompas") == [("D03/AP02/01", "Ondersteuning mbt drugproblematiek", "explanation")]
    text = replace_in_row(example_text(), "D03/AP02/01", "de samenwerking met Kompas",
                          "de samenwerking met Kompas en W13")
    import_text(text)
    assert ("D03/AP02/01", "Ondersteuning mbt drugproblematiek", "explanation") in links_of("w13")
    import_text(example_text())
    assert len(links_of("w13")) == 2


def test_links_follow_a_partner_that_drops_an_alias():
    plan_and_partners()
    imog = db.session.scalar(select(Partner).where(Partner.slug == "imog"))
    imog.aliases = []
    link_tasks()
    db.session.commit()
    assert links_of("imog") == []


def test_the_index_counts_every_partner_in_one_query(count_queries):
    plan_and_partners()
    from participation.partners.signals import process_counts

    with count_queries() as counter:
        rows = partner_rows(None)
    assert counter.count == 1 + len(process_counts.receivers), "plus one per feature that relates processes"
    counts = {row.partner.slug: (row.tasks, row.named_tasks) for row in rows}
    assert counts["w13"] == (2, 2) and counts["leiedal"] == (4, 0) and counts["imog"] == (2, 1)
    assert counts["zuid-west"] == (0, 0)
