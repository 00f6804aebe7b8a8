"""The idea page reads its idea and what decides its sections in one statement, then only the side lists
that have rows; what it shows stays the same."""

from participation.extensions import db
from participation.ideas import services
from tests.conftest import idea as stored_idea

SIDE_LISTS = ("idea_images", "idea_status_changes", "chapter_keeps", "idea_edits", "comments", "room_tallies",
              "idea_targets", "plan_actions")


def lists_read(statements: list[str]) -> set[str]:
    """The side lists a page read rows of (not only asked, in its first statement, whether any exist)."""
    return {table for table in SIDE_LISTS for statement in statements
            if statement.lstrip().startswith(f"SELECT {table}.")}


def test_an_idea_with_nothing_beside_it_reads_no_side_list(make_process, client, count_queries):
    quiet = stored_idea(make_process("public"), title="Een bank aan de Leie")
    with count_queries() as counter:
        response = client.get(f"/ideeen/{quiet.id}")
    assert response.status_code == 200 and "Een bank aan de Leie" in response.get_data(as_text=True)
    assert lists_read(counter.statements) == set()
    assert counter.count <= 6, counter.statements


def test_an_idea_with_a_road_comments_and_a_correction_reads_those(make_process, make_idea, make_user, client,
                                                                   count_queries):
    from participation.comments.services import post_comment

    idea = make_idea(make_process("public"), title="Meer bomen op de Markt")
    post_comment(idea, make_user(), "Goed idee, graag ook aan de kerk.")
    services.correct_idea(idea, make_user("moderator"), "Meer bomen op de Grote Markt", idea.body,
                          "Plaats verduidelijkt.")
    db.session.commit()
    with count_queries() as counter:
        page = client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert lists_read(counter.statements) == {"idea_status_changes", "comments", "idea_edits"}
    assert "Goed idee, graag ook aan de kerk." in page and "Plaats verduidelijkt." in page
    assert "De weg van dit idee" in page


def test_an_idea_without_a_road_shows_no_empty_road_heading(make_process, client):
    quiet = stored_idea(make_process("public"), title="Een bank aan de Leie")
    page = client.get(f"/ideeen/{quiet.id}").get_data(as_text=True)
    assert "Een bank aan de Leie" in page and "De weg van dit idee" not in page
