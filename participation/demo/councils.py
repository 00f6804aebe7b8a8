"""The councils' rounds of the demo: the 2024 note as a finished, published round, and an open round.

The note is loaded as the councils signed it (``ambitienota_2024.json`` holds only their words); the city's
SDG links to its points come from the city's own ``sdg_links.json``.
"""

import json
from pathlib import Path

from participation.advisory.models import (
    AmbitionPoint,
    AmbitionPointTarget,
    Council,
    CouncilRound,
    Endorsement,
    PointAction,
    Proposal,
    Recommendation,
    SubTheme,
)
from participation.advisory.services import parse_target_codes
from participation.database import utcnow
from participation.demo.files import read_json
from participation.extensions import db


def load_council_rounds(folder: Path, councils: dict[str, Council], lines: list[str]) -> None:
    data = read_json(folder, "advisory_rounds.json")
    if data is None:
        return
    if "finished" in data:
        note = json.loads((folder / data["finished"]["source"]).read_text(encoding="utf-8"))
        load_finished_note(data["finished"]["slug"], note, councils, lines)
    if "open" in data:
        load_open_round(data["open"], councils, lines)
    load_point_targets(folder, lines)


def _round_exists(slug: str) -> bool:
    return db.session.scalar(db.select(CouncilRound.id).where(CouncilRound.slug == slug)) is not None


def load_finished_note(slug: str, note: dict, councils: dict[str, Council], lines: list[str]) -> None:
    """The note as the councils endorsed it: its points, CONCREET sections and recommendations."""
    if _round_exists(slug):
        return
    now = utcnow()
    occasion = note.get("occasion", "")
    round_ = CouncilRound(
        slug=slug,
        title=f"{note['title']} {note['year']}",
        occasion=occasion[:1].upper() + occasion[1:],
        introduction="\n\n".join(note.get("introduction", [])),
        step="published",
        point_count=len(note["ambition_points"]),
        ranking_closed_at=now,
        published_at=now,
    )
    db.session.add(round_)
    conclusion = {line["number"]: line["text"] for line in note.get("conclusion", [])}
    for item in note["ambition_points"]:
        point = AmbitionPoint(round=round_, number=item["number"], title=item["title"], vision=item.get("vision", ""),
                              conclusion=conclusion.get(item["number"]))
        for position, section in enumerate(item.get("sub_themes", [])):
            sub_theme = SubTheme(point=point, position=position, title=section.get("title"))
            for index, text in enumerate(section.get("recommendations", [])):
                sub_theme.recommendations.append(Recommendation(position=index, text=text))
            point.sub_themes.append(sub_theme)
        db.session.add(point)
    by_name = {council.name: council for council in councils.values()}
    db.session.flush()
    for name in note.get("endorsed_by", []):
        if name in by_name:
            db.session.add(Endorsement(round_id=round_.id, council_id=by_name[name].id, endorses=True))
    lines.append(f"Council round {round_.title}: {len(note['ambition_points'])} ambition points, published")


def load_point_targets(folder: Path, lines: list[str]) -> None:
    """The city's SDG targets per ambition point (``sdg_links.json``: round slug -> point number -> codes).

    A point that has targets already keeps them: the city may have changed them since.
    """
    data = read_json(folder, "sdg_links.json")
    if data is None:
        return
    links = data.get("ambition_points", {})
    added = 0
    for slug, by_number in links.items():
        points = db.session.scalars(
            db.select(AmbitionPoint).join(CouncilRound).where(CouncilRound.slug == slug)
        )
        for point in points:
            codes = by_number.get(str(point.number), [])
            if codes and not point.targets:
                point.targets = [AmbitionPointTarget(target_code=code) for code in parse_target_codes(",".join(codes))]
                added += len(codes)
    lines.append(f"{added} SDG targets of the city linked to ambition points")


def load_open_round(item: dict, councils: dict[str, Council], lines: list[str]) -> None:
    if _round_exists(item["slug"]):
        return
    round_ = CouncilRound(
        slug=item["slug"], title=item["title"], occasion=item.get("occasion", ""),
        introduction=item.get("introduction", ""), step=item.get("step", "ranking"),
        method=item.get("method", "schulze"), ballot_mode=item.get("ballot_mode", "secretary"),
        point_count=item.get("point_count", 9),
    )
    db.session.add(round_)
    for proposal in item.get("proposals", []):
        round_.proposals.append(
            Proposal(council=councils[proposal["council"]], title=proposal["title"],
                     elaboration=proposal.get("elaboration", ""))
        )
    db.session.flush()
    lines.append(f"Council round {round_.title}: {len(round_.proposals)} proposals, step {round_.step}")


def load_point_actions(folder: Path, lines: list[str]) -> None:
    """The plan actions the city counts as carrying out each ambition point (``ambition_point_actions.json``:
    round slug -> point number -> action codes). Actions the plan does not have are skipped; links that
    exist are kept."""
    from participation.plan.models import PlanAction

    data = read_json(folder, "ambition_point_actions.json")
    if data is None:
        return
    codes = {code for by_number in data.values() if isinstance(by_number, dict)
             for actions in by_number.values() for code in actions}
    action_ids = {code: action_id for code, action_id in db.session.execute(
        db.select(PlanAction.code, PlanAction.id).where(PlanAction.code.in_(codes)))}
    present = {tuple(row) for row in db.session.execute(db.select(PointAction.point_id, PointAction.action_id))}
    added = 0
    for slug, by_number in data.items():
        if not isinstance(by_number, dict):
            continue
        for point in db.session.scalars(db.select(AmbitionPoint).join(CouncilRound).where(CouncilRound.slug == slug)):
            for code in by_number.get(str(point.number), []):
                action_id = action_ids.get(code)
                if action_id is not None and (point.id, action_id) not in present:
                    db.session.add(PointAction(point_id=point.id, action_id=action_id))
                    present.add((point.id, action_id))
                    added += 1
    lines.append(f"{added} plan actions linked to ambition points")
