"""Every change of the partners: the city's file saved, and the plan tasks that name a partner linked.

Links are made from the texts, never by hand: a task is linked to a partner when one of the partner's
aliases stands as a word in the task, in its action ("Het lokaal bestuur Harelbeke werkt samen met
W13 …"), or in one of its quarterly explanations ("Het theaterproject i.s.m. LARF …"). They are made
again after every plan import and every load of the partners, so they always follow the texts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from participation.extensions import db
from participation.partners.cityfile import PartnerData
from participation.partners.models import Partner, TaskPartner
from participation.plan.models import PlanAction, PlanTask
from participation.plan.signals import plan_imported

PARTNER_FIELDS = ("name", "full_name", "description", "site", "position")


@dataclass
class SaveReport:
    counts: Counter
    links: int = 0

    def line(self) -> str:
        return (f"Partners: {self.counts['new']} new, {self.counts['changed']} changed, "
                f"{self.counts['unchanged']} unchanged; {self.links} plan tasks name a partner")


def save_partners(items: list[PartnerData]) -> SaveReport:
    """Make the partners of the file (matched on their slug) equal to it, in its order, and link the plan's
    tasks again. A partner the file no longer lists is kept, with its links and invitations."""
    known = {partner.slug: partner for partner in db.session.scalars(select(Partner))}
    counts: Counter = Counter()
    for position, item in enumerate(items):
        partner = known.get(item.slug)
        values = {"name": item.name, "full_name": item.full_name, "description": item.description,
                  "site": item.site, "position": position, "aliases": list(item.aliases)}
        if partner is None:
            db.session.add(Partner(slug=item.slug, **values))
            counts["new"] += 1
            continue
        changed = [key for key, value in values.items() if getattr(partner, key) != value]
        for key in changed:
            setattr(partner, key, values[key])
        counts["changed" if changed else "unchanged"] += 1
    db.session.flush()
    return SaveReport(counts, link_tasks())


def alias_pattern(aliases: list[str]) -> re.Pattern | None:
    """One pattern for a partner's aliases, each a whole word in any case ("IMOG-regio" names IMOG)."""
    words = sorted({alias.strip() for alias in aliases if alias.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + r")(?!\w)", re.IGNORECASE)


def named_partners(texts: list[str], explanations: list[str], patterns: dict[int, re.Pattern]) -> dict[int, str]:
    """Which partners the texts name: partner id -> "task" (named in the task or its action) or
    "explanation" (named only in an explanation)."""
    found: dict[int, str] = {}
    task_text = "\n".join(texts)
    explanation_text = "\n".join(explanations)
    for partner_id, pattern in patterns.items():
        if pattern.search(task_text):
            found[partner_id] = "task"
        elif pattern.search(explanation_text):
            found[partner_id] = "explanation"
    return found


def link_tasks() -> int:
    """Link every plan task to the partners its texts name, and unlink the rest; returns the links."""
    patterns = {
        partner.id: pattern
        for partner in db.session.scalars(select(Partner))
        if (pattern := alias_pattern(partner.aliases or [])) is not None
    }
    existing = {(link.task_id, link.partner_id): link for link in db.session.scalars(select(TaskPartner))}
    wanted: dict[tuple[int, int], str] = {}
    if patterns:
        tasks = db.session.scalars(
            select(PlanTask).options(selectinload(PlanTask.action), selectinload(PlanTask.updates))
        )
        for task in tasks:
            action: PlanAction = task.action
            found = named_partners(
                [task.title, action.title, action.description or ""],
                [update.explanation for update in task.updates if update.explanation],
                patterns,
            )
            wanted.update({(task.id, partner_id): named_in for partner_id, named_in in found.items()})
    for key, link in existing.items():
        if key not in wanted:
            db.session.delete(link)
        elif link.named_in != wanted[key]:
            link.named_in = wanted[key]
    db.session.add_all(
        TaskPartner(task_id=task_id, partner_id=partner_id, named_in=named_in)
        for (task_id, partner_id), named_in in wanted.items()
        if (task_id, partner_id) not in existing
    )
    db.session.flush()
    return len(wanted)


@plan_imported.connect
def link_imported_tasks(_sender=None, **_kwargs) -> int:
    """After a plan import, the new and changed texts name their partners."""
    return link_tasks()
