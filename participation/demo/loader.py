"""Load a city's data (city, districts, councils, processes, demo accounts, demo ideas) from a folder of JSON.

Every other municipality runs the platform by giving its own folder; loading twice changes nothing.
"""

import json
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from participation.accounts.services import create_user, find_user
from participation.advisory.models import Council, CouncilMembership
from participation.clock import end_of_day, start_of_day
from participation.core.face import apply_face
from participation.core.models import City, District, Neighbourhood
from participation.demo.chapters import load_chapters, load_vision_notes
from participation.demo.councils import load_council_rounds, load_point_actions
from participation.demo.files import read_json
from participation.extensions import db
from participation.processes.models import Phase, Process
from participation.processes.queries import process_by_slug
from participation.sdgs.services import load_city_statements

DATA_DIR = Path(__file__).resolve().parent


@dataclass
class LoadReport:
    lines: list[str] = field(default_factory=list)
    new_accounts: list[tuple[str, list[str], str]] = field(default_factory=list)


def city_folder(name: str) -> Path:
    folder = Path(name) if "/" in name else DATA_DIR / name
    if not (folder / "city.json").exists():
        raise FileNotFoundError(f"No city.json in {folder}")
    return folder


def local_midnight_utc(day: str | None) -> datetime | None:
    """Midnight in Brussels at the start of an ISO day, as naive UTC."""
    return start_of_day(date.fromisoformat(day)) if day else None


def end_of_local_day_utc(day: str | None) -> datetime | None:
    """A phase's last day (inclusive, as in city.json) is over at the next Brussels midnight."""
    return end_of_day(date.fromisoformat(day)) if day else None


def load_city(data: dict, report: LoadReport) -> City:
    city = db.session.scalar(db.select(City).where(City.slug == data["city"]["slug"]))
    if city is None:
        city = City(**data["city"])
        db.session.add(city)
    for key, value in data["city"].items():
        setattr(city, key, value)
    box = data.get("map") or {}
    city.map_south, city.map_west, city.map_north, city.map_east = (
        box.get("south"), box.get("west"), box.get("north"), box.get("east"))
    known = {d.name: d for d in city.districts}
    for position, item in enumerate(data.get("districts", [])):
        district = known.get(item["name"]) or District(name=item["name"])
        district.postcode = item.get("postcode")
        district.position = position
        if district.id is None:
            city.districts.append(district)
        load_neighbourhoods(district, item.get("neighbourhoods", []))
    db.session.flush()
    demote_districts(city, data.get("districts", []), report)
    wijken = sum(len(item.get("neighbourhoods", [])) for item in data.get("districts", []))
    report.lines.append(f"City {city.name}: {len(data.get('districts', []))} districts, {wijken} neighbourhoods")
    return city


def load_neighbourhoods(district: District, items: list[dict]) -> None:
    known = {n.name: n for n in district.neighbourhoods}
    for position, item in enumerate(items):
        wijk = known.get(item["name"]) or Neighbourhood(name=item["name"])
        wijk.position = position
        if wijk.id is None:
            district.neighbourhoods.append(wijk)


def demote_districts(city: City, items: list[dict], report: LoadReport) -> None:
    """A district of the database that the city's data now names as a wijk becomes that wijk: its ideas
    move to the wijk and its deelgemeente, and the district goes (Stasegem was once loaded as a district;
    it is a wijk of Harelbeke, 8530)."""
    from participation.ideas.models import Idea

    listed = {item["name"] for item in items}
    wijken = {n.name: n for d in city.districts for n in d.neighbourhoods}
    for district in [d for d in city.districts if d.name not in listed and d.name in wijken]:
        wijk = wijken[district.name]
        moved = db.session.execute(
            db.update(Idea).where(Idea.district_id == district.id)
            .values(district_id=wijk.district_id, neighbourhood_id=wijk.id)
        ).rowcount
        city.districts.remove(district)
        report.lines.append(f"{district.name} is a neighbourhood of {wijk.district.name} now ({moved} ideas moved)")
    db.session.flush()


def load_councils(data: dict, report: LoadReport) -> dict[str, Council]:
    councils = {c.slug: c for c in db.session.scalars(db.select(Council))}
    for position, item in enumerate(data.get("councils", [])):
        council = councils.get(item["slug"]) or Council(slug=item["slug"])
        council.name = item["name"]
        council.description = item.get("description", "")
        council.position = position
        db.session.add(council)
        councils[council.slug] = council
    db.session.flush()
    report.lines.append(f"{len(data.get('councils', []))} advisory councils")
    return councils


def load_processes(data: dict, report: LoadReport) -> None:
    for item in data.get("processes", []):
        process = db.session.scalar(db.select(Process).where(Process.slug == item["slug"]))
        if process is None:
            process = Process(slug=item["slug"])
            db.session.add(process)
            for position, phase in enumerate(item["phases"]):
                process.phases.append(
                    Phase(
                        kind=phase["kind"],
                        position=position,
                        starts_at=local_midnight_utc(phase["starts"]),
                        ends_at=end_of_local_day_utc(phase.get("ends")),
                    )
                )
        process.title = item["title"]
        process.audience = item["audience"]
        process.summary = item.get("summary", "")
        process.description = item.get("description", "")
    report.lines.append(f"{len(data.get('processes', []))} processes")


def load_accounts(data: dict, councils: dict[str, Council], report: LoadReport) -> None:
    for item in data.get("accounts", []):
        if find_user(item["email"]) is not None:
            continue
        password = secrets.token_urlsafe(9)
        user = create_user(item["email"], password, item["name"], item["roles"])
        for slug, role in item.get("councils", []):
            db.session.add(CouncilMembership(council=councils[slug], user=user, role=role))
        report.new_accounts.append((item["email"], sorted(user.role_names), password))


def load_demo(city: str = "harelbeke") -> LoadReport:
    folder = city_folder(city)
    data = json.loads((folder / "city.json").read_text(encoding="utf-8"))
    report = LoadReport()
    city_row = load_city(data, report)
    if apply_face(city_row, folder / "face"):
        report.lines.append("Face of the city: colours, contact, logo and icons")
    load_chapters(folder, report.lines)
    councils = load_councils(data, report)
    load_processes(data, report)
    db.session.flush()
    load_vision_notes(folder, data.get("vision_notes", []), report.lines)
    load_accounts(data, councils, report)
    statements = load_city_statements(folder / "sdg_statements.json")
    report.lines.append(f"{statements} SDG statements of the city")
    load_ideas(folder, report)
    from participation.demo.comments import load_comments

    load_comments(folder, local_midnight_utc, report.lines)
    load_council_rounds(folder, councils, report.lines)
    db.session.flush()
    from participation.plan.demo import load_plan_demo

    load_plan_demo(folder, report.lines)
    db.session.flush()
    load_point_actions(folder, report.lines)
    db.session.flush()
    load_sdg_links(folder, report)
    db.session.flush()
    load_indicators(folder, report)
    load_meetings(folder, report)
    load_partners(folder, report)
    from participation.demo.invitations import load_invitations

    load_invitations(folder, report.lines)
    return report


def load_partners(folder: Path, report: LoadReport) -> None:
    """The organisations the city works with (partners.json), after the plan so its tasks are linked."""
    from participation.partners.cityfile import PartnersFileError, read_partners
    from participation.partners.services import save_partners

    path = folder / "partners.json"
    if not path.exists():
        return
    try:
        items = read_partners(path.read_bytes())
    except PartnersFileError as error:
        raise ValueError(f"{path}:\n" + "\n".join(error.problems)) from None
    report.lines.append(save_partners(items).line())


def load_meetings(folder: Path, report: LoadReport) -> None:
    """Sessions in the room (meetings.json), with their attendance as the sources give it: a session whose
    month is known but not its day has `held_in` ("2024-01"); a group without a count is left out.
    A session already there (same process and title) is kept."""
    from participation.meetings.models import Meeting
    from participation.meetings.services import Attendance, MeetingData, save_meeting

    items = read_json(folder, "meetings.json")
    if items is None:
        return
    added = 0
    for item in items:
        process = process_by_slug(item["process"])
        if process is None:
            continue
        exists = db.session.scalar(
            db.select(Meeting.id).where(Meeting.process_id == process.id, Meeting.title == item["title"])
        )
        if exists is not None:
            continue
        month_only = "held_in" in item
        held_on = date.fromisoformat(item["held_in"] + "-01" if month_only else item["held_on"])
        data = MeetingData(
            kind=item["kind"], title=item["title"], held_on=held_on, day_known=not month_only,
            place=item.get("place", ""), facilitator=item.get("facilitator", ""), report=item.get("report", ""),
            attendance=[Attendance(group, count) for group, count in item.get("attendance", [])],
        )
        save_meeting(Meeting(process=process), data, None)
        added += 1
    report.lines.append(f"{added} sessions in the room")


def load_indicators(folder: Path, report: LoadReport) -> None:
    """The city's figures per SDG (indicators.csv); a re-load changes nothing."""
    from participation.indicators.services import import_indicators

    path = folder / "indicators.csv"
    if not path.exists():
        return
    result = import_indicators(path.read_bytes(), dry_run=False)
    if result.errors:
        raise ValueError(f"{path}: " + "; ".join(f"row {e.row} {e.column}: {e.message}" for e in result.errors))
    indicators = sum(1 for change in result.changes if change.kind == "indicator")
    report.lines.append(f"{indicators} indicators of the city per SDG")


def load_sdg_links(folder: Path, report: LoadReport) -> None:
    """Links of demo ideas and plan actions to SDG targets; existing links are kept."""
    from participation.ideas.models import Idea
    from participation.plan.models import PlanAction, PlanActionTarget
    from participation.sdgs.models import IdeaTarget, SdgTarget

    data = read_json(folder, "sdg_links.json")
    if data is None or db.session.scalar(db.select(db.func.count(SdgTarget.code))) == 0:
        return
    goals = dict(db.session.execute(db.select(SdgTarget.code, SdgTarget.goal_number)).tuples().all())
    added = 0
    for title, codes in data.get("ideas", {}).items():
        idea = db.session.scalar(db.select(Idea).where(Idea.title == title))
        if idea is None:
            continue
        present = set(db.session.scalars(db.select(IdeaTarget.target_code).where(IdeaTarget.idea_id == idea.id)))
        for code in codes:
            if code in goals and code not in present:
                db.session.add(IdeaTarget(idea_id=idea.id, target_code=code, goal_number=goals[code]))
                added += 1
    for action_code, codes in data.get("plan_actions", {}).items():
        action = db.session.scalar(db.select(PlanAction).where(PlanAction.code == action_code))
        if action is None:
            continue
        present = {target.target_code for target in action.targets}
        for code in codes:
            if code in goals and code not in present:
                action.targets.append(PlanActionTarget(target_code=code))
                added += 1
    report.lines.append(f"{added} new links to SDG targets")


def load_ideas(folder: Path, report: LoadReport) -> None:
    """Demo ideas with their road, entered once: an idea already there (same process and title) is kept."""
    from participation.ideas.models import Follow, Idea, IdeaStatusChange
    from participation.ideas.services import index_terms, set_status

    items = read_json(folder, "ideas.json")
    if items is None:
        return
    moderator = find_user("moderator@" + folder.name + ".example")
    districts = {d.name: d.id for d in db.session.scalars(db.select(District))}
    wijken = {(n.district_id, n.name): n.id for n in db.session.scalars(db.select(Neighbourhood))}
    added = 0
    for item in items:
        process = process_by_slug(item["process"])
        if process is None:
            continue
        exists = db.session.scalar(db.select(Idea).where(Idea.process_id == process.id, Idea.title == item["title"]))
        if exists is not None:
            add_place_and_photos(exists, item)
            continue
        created = local_midnight_utc(item["created"]) + timedelta(hours=10)
        district_id = districts.get(item.get("district") or "")
        idea = Idea(process=process, title=item["title"], body=item["body"], theme=item["theme"],
                    district_id=district_id, neighbourhood_id=wijken.get((district_id, item.get("neighbourhood"))),
                    status="submitted", created_at=created, updated_at=created)
        desk = item.get("desk")
        if desk:
            employee = find_user(desk["by"])
            idea.entered_by_id = employee.id if employee else None
            idea.on_behalf_name, idea.on_behalf_contact, idea.on_behalf_consent = desk["name"], desk["contact"], True
            submitter = employee
        else:
            submitter = find_user(item["author"])
            idea.author_id = submitter.id if submitter else None
        db.session.add(idea)
        db.session.flush()
        add_place_and_photos(idea, item)
        db.session.add(IdeaStatusChange(idea_id=idea.id, from_status=None, to_status="submitted",
                                        author_id=getattr(submitter, "id", None), created_at=created))
        index_terms(idea)
        for email in item.get("followers", []):
            follower = find_user(email)
            if follower is not None:
                db.session.add(Follow(user_id=follower.id, idea_id=idea.id, created_at=created))
        for status, day, explanation in item.get("history", []):
            set_status(idea, status, moderator, explanation, notify=False,
                       when=local_midnight_utc(day) + timedelta(hours=14))
        added += 1
    report.lines.append(f"{added} demo ideas")


def add_place_and_photos(idea, item: dict) -> None:
    """The spot and the photos the demo data gives an idea, when it has none yet (so loading twice, or
    loading into a database from before photos and points, changes nothing that is there)."""
    from participation.demo.photos import demo_photo
    from participation.ideas import images

    if item.get("point") and idea.latitude is None:
        idea.latitude, idea.longitude = item["point"]
    if item.get("address") and not idea.address:
        idea.address = item["address"]
    if item.get("photos") and not db.session.scalar(db.select(db.func.count()).select_from(images.IdeaImage)
                                                     .where(images.IdeaImage.idea_id == idea.id)):
        uploads = [images.Upload(demo_photo(photo["scene"]), photo["alt"]) for photo in item["photos"]]
        images.attach_images(idea, images.check_uploads(uploads), idea.author)
