"""The plan in a city's demo data: ``plan.csv`` (imported like any upload) and ``plan_links.json`` (which
ideas the city's actions carry out). Loading twice changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from participation.extensions import db
from participation.ideas.models import Idea
from participation.plan.importer import import_plan
from participation.plan.models import PlanAction
from participation.plan.services import LINKABLE_STATUSES, link_idea
from participation.processes.models import Process


def load_plan_demo(folder: Path, lines: list[str]) -> None:
    plan_file = folder / "plan.csv"
    if not plan_file.exists():
        return
    report = import_plan(plan_file.read_bytes(), dry_run=False)
    if report.errors:
        raise ValueError("The demo plan has errors:\n" + "\n".join(str(error) for error in report.errors))
    new = sum(counts["new"] for _, counts in report.summary)
    actions = sum(report.count("action", state) for state in ("new", "changed", "unchanged"))
    tasks = sum(report.count("task", state) for state in ("new", "changed", "unchanged"))
    lines.append(f"Multi-year plan: {actions} actions, {tasks} tasks ({new} new records)")
    links_file = folder / "plan_links.json"
    if links_file.exists():
        linked = link_demo_ideas(json.loads(links_file.read_text(encoding="utf-8")).get("links", []))
        lines.append(f"Ideas linked to plan actions: {linked} new links")


def link_demo_ideas(links: list[dict]) -> int:
    """Link ideas of a process to an action: the ideas named by title, or, with no titles given, every idea
    of the process that can be linked. Actions or processes that are missing are skipped."""
    count = 0
    for item in links:
        action = db.session.scalar(select(PlanAction).where(PlanAction.code == item["action"]))
        process = db.session.scalar(select(Process).where(Process.slug == item["process"]))
        if action is None or process is None:
            continue
        statement = select(Idea).where(Idea.process_id == process.id, Idea.status.in_(LINKABLE_STATUSES))
        if item.get("ideas"):
            statement = statement.where(Idea.title.in_(item["ideas"]))
        for idea in db.session.scalars(statement.order_by(Idea.id)):
            count += link_idea(idea, action, None)
    return count
