from flask import Blueprint, g, request, url_for
from markupsafe import Markup

bp = Blueprint("votes", __name__)

from participation.votes import views  # noqa: E402,F401
from participation.votes.queries import my_votes  # noqa: E402
from participation.votes.texts import departed_text, rule_text, votes_left_text  # noqa: E402


@bp.record_once
def connect_signals(state) -> None:
    from participation.ideas.sections import register_idea_section
    from participation.ideas.signals import idea_merged
    from participation.processes.signals import phases_changing
    from participation.votes.services import on_idea_merged, on_phases_changing

    idea_merged.connect(on_idea_merged)
    phases_changing.connect(on_phases_changing)
    register_idea_section("votes", idea_votes_section, rows=idea_has_room_votes)


def idea_votes_section(idea, viewer, has_rows: bool = True) -> dict:
    """The idea page's share: the viewer's votes in the idea's process (state, ballot, what is left) and,
    while the page shows votes (the vote phase is open or over), the idea's votes in the room (not read
    when it has none: `has_rows`)."""
    from participation.votes.queries import load_my_votes
    from participation.votes.room import RoomVotes, room_votes_of_idea
    from participation.votes.rules import CLOSED, OPEN

    mine = load_my_votes(idea.process, viewer)
    if mine.state not in (OPEN, CLOSED):
        return {"mine": mine, "room": None}
    return {"mine": mine, "room": room_votes_of_idea(idea) if has_rows else RoomVotes(0, [])}


def idea_has_room_votes():
    """Whether an idea has votes counted in the room, as a condition on `Idea` (see `ideas.sections`)."""
    from sqlalchemy import exists

    from participation.ideas.models import Idea
    from participation.votes.models import RoomTally

    return exists().where(RoomTally.idea_id == Idea.id)


@bp.record_once
def add_template_globals(state) -> None:
    """Globals, not context variables, so that imported macros see them too."""
    state.app.jinja_env.globals.update(
        my_votes=my_votes, votes_left_text=votes_left_text, vote_rule_text=rule_text,
        vote_script=vote_script, vote_next_path=next_path, vote_departed_text=departed_text,
    )


def next_path() -> str:
    """Where a vote form sends the person back to: the page it is on."""
    return request.full_path.rstrip("?") if request else "/"


def vote_script() -> Markup:
    """The progressive script, once per page however many vote boxes the page shows."""
    if g.get("vote_script_done"):
        return Markup("")
    g.vote_script_done = True
    return Markup('<script src="{}" defer></script>').format(url_for("static", filename="js/votes.js"))


def _register_personal_data() -> None:
    """A person's votes are in their data download; deleting the account unlinks them (still counted)."""
    from participation.accounts.personal_data import register_collector, register_eraser
    from participation.votes.services import personal_votes, unlink_votes

    register_collector("votes", personal_votes)
    register_eraser(unlink_votes)


_register_personal_data()
