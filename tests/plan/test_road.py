"""An idea's road: the quarterly updates of its action from before the idea are the action's history."""

from datetime import date, datetime

from sqlalchemy import select

from participation.extensions import db
from participation.plan import services
from participation.plan.models import PlanAction
from participation.plan.queries import road_of_idea
from participation.plan.spreadsheet import Quarter, Status
from tests.plan.helpers import import_example, make_idea

CODE = "D10/AP01/04"


def linked(process, created_at: datetime | None = None):
    import_example()
    idea = make_idea(process)
    if created_at is not None:
        idea.created_at = created_at
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == CODE))
    services.link_idea(idea, action, None)
    db.session.commit()
    return idea, action


def test_updates_older_than_the_idea_are_the_action_s_history(make_process):
    idea, action = linked(make_process("public"))
    [item] = road_of_idea(idea)
    assert item.steps == []
    assert [update.period.code for update in item.history] == ["2023KW1"]

    today = date.today()
    now = Quarter(today.year, (today.month - 1) // 3 + 1)
    services.record_status_update(action.tasks[0], now, Status.IN_PROGRESS, "De eerste speelstraat komt er.")
    db.session.commit()
    [item] = road_of_idea(idea)
    assert [update.period for update in item.steps] == [now]
    assert [update.period.code for update in item.history] == ["2023KW1"]


def test_an_update_of_the_quarter_the_idea_was_proposed_in_is_a_step(make_process):
    idea, _action = linked(make_process("public"), created_at=datetime(2023, 2, 15, 10, 0))
    [item] = road_of_idea(idea)
    assert [update.period.code for update in item.steps] == ["2023KW1"]
    assert item.history == []


def test_the_idea_page_shows_the_history_apart_from_the_road(make_process, client):
    idea, _action = linked(make_process("public"))
    page = client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    road, history = page.split('<details class="action-history">')
    assert "Nog geen kwartaalupdate sinds het idee werd voorgesteld." in road
    assert "2023KW1" not in road.split('class="idea-plan"')[1]
    assert "Wat de actie al deed vóór het idee: 1 update" in history and "2023KW1" in history
