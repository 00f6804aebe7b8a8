"""Reading the rule and the clock of a process: when may people vote, and how."""

from dataclasses import dataclass
from datetime import datetime

from participation.database import utcnow
from participation.extensions import db
from participation.processes.models import Phase, Process
from participation.votes.models import APPROVAL, VoteRule

BEFORE, OPEN, CLOSED, NONE = "before", "open", "closed", "none"


def vote_phase(process: Process) -> Phase | None:
    return next((phase for phase in process.phases if phase.kind == "vote"), None)


def vote_state(process: Process, moment: datetime | None = None) -> str:
    """before, open or closed by the clock; none when the process has no vote phase."""
    phase = vote_phase(process)
    if phase is None:
        return NONE
    return phase_state(phase.starts_at, phase.ends_at, moment)


def phase_state(starts_at: datetime | None, ends_at: datetime | None, moment: datetime | None = None) -> str:
    """`vote_state` from the vote phase's two moments (`starts_at` None: no vote phase), for a vote that
    read them without loading the process (`Phase.is_open_at`: open from its start until its end)."""
    if starts_at is None:
        return NONE
    moment = moment or utcnow()
    if moment < starts_at:
        return BEFORE
    if ends_at is None or moment < ends_at:
        return OPEN
    return CLOSED


def default_rule(process_id: int) -> VoteRule:
    """Until an administrator chooses, each account may support any number of ideas, once each."""
    return VoteRule(process_id=process_id, kind=APPROVAL, budget=None, max_per_idea=1)


def rule_for(process: Process) -> VoteRule:
    return db.session.get(VoteRule, process.id) or default_rule(process.id)


@dataclass(frozen=True)
class RuleSummary:
    kind: str
    budget: int | None
    max_per_idea: int

    @classmethod
    def of(cls, rule: VoteRule) -> "RuleSummary":
        return cls(rule.kind, rule.budget, rule.max_per_idea)
