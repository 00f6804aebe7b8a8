from dataclasses import dataclass

from flask import Blueprint, g, request, url_for
from markupsafe import Markup

bp = Blueprint("votes", __name__)

from participation.votes import views  # noqa: E402,F401
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
        votes_left_text=votes_left_text, vote_rule_text=rule_text,
        vote_script=vote_script, vote_next_path=next_path, vote_departed_text=departed_text,
        vote_words=vote_words, vote_boxes=vote_boxes,
    )


def next_path() -> str:
    """Where a vote form sends the person back to: the page it is on."""
    return request.full_path.rstrip("?") if request else "/"


_ANY_IDEA = 2_147_483_647  # stands for the idea in the forms' addresses, built once per page


@dataclass(frozen=True)
class VoteWords:
    """What every vote box of a page shares: its words (by the rule's kind) and its forms' addresses, so a list
    of twenty ideas asks the catalogue and the router once, not twenty times."""

    votes_label: str
    yours_label: str
    cast_label: str
    withdraw_label: str
    rate_message: str
    cast_address: str
    withdraw_address: str

    def cast_url(self, idea_id: int) -> str:
        return self.cast_address.replace(str(_ANY_IDEA), str(idea_id))

    def withdraw_url(self, idea_id: int) -> str:
        return self.withdraw_address.replace(str(_ANY_IDEA), str(idea_id))


def vote_words(rule) -> VoteWords:
    from flask_babel import gettext as _

    from participation.votes.models import APPROVAL

    approval = rule.kind == APPROVAL
    return VoteWords(
        votes_label=_("Votes"), yours_label=_("yours"),
        cast_label=_("Support") if approval else _("Give a vote"),
        withdraw_label=_("Withdraw support") if approval else _("Take a vote back"),
        rate_message=_("You voted many times in a short time. Wait a moment and try again."),
        cast_address=url_for("votes.cast", idea_id=_ANY_IDEA),
        withdraw_address=url_for("votes.withdraw", idea_id=_ANY_IDEA),
    )


def vote_boxes(mv):
    """The page's vote boxes for the viewer's votes `mv` in an open or closed vote phase (`boxes.VoteBoxes`),
    built once per page; the CSRF token is only asked for (and put in the session) when the viewer may vote."""
    from flask_wtf.csrf import generate_csrf

    from participation.votes.boxes import VoteBoxes

    if mv.is_open and mv.may_vote:
        return VoteBoxes(mv, vote_words(mv.rule), generate_csrf(), next_path())
    return VoteBoxes(mv, vote_words(mv.rule), "", "")


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
