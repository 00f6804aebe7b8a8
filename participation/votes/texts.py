"""Sentences about votes, the same in pages and in answers to the script."""

from flask_babel import gettext as _
from flask_babel import ngettext

from participation.votes.models import DOTS


def votes_left_text(used: int, budget: int | None) -> str:
    if budget is None:
        return ngettext("You support %(num)d idea.", "You support %(num)d ideas.", used)
    left = budget - used
    return ngettext(
        "You have %(num)d vote left of %(budget)d.", "You have %(num)d votes left of %(budget)d.", left,
        budget=budget,
    )


def rule_text(kind: str, budget: int | None, max_per_idea: int) -> str:
    if kind == DOTS:
        return _(
            "Each participant has %(budget)d votes to spread over the ideas, with at most %(max)d on one idea.",
            budget=budget, max=max_per_idea,
        )
    if budget is None:
        return _("Each participant can support as many ideas as they like, once per idea.")
    return _("Each participant can support up to %(budget)d ideas, once per idea.", budget=budget)


def departed_text() -> str:
    return _("This e-mail address already voted in this process, with an account that has since been deleted. "
             "Those votes still count, so you cannot vote here again.")
