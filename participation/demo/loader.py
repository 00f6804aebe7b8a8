"""Load a city's data (city, districts, councils, processes, demo accounts) from a folder of JSON.

Every other municipality runs the platform by giving its own folder; loading twice changes nothing.
"""

import json
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from participation.accounts.services import create_user, find_user
from participation.advisory.models import Council, CouncilMembership
from participation.core.models import City, District
from participation.demo.councils import load_council_rounds
from participation.extensions import db
from participation.processes.models import Phase, Process

DATA_DIR = Path(__file__).resolve().parent
BRUSSELS = ZoneInfo("Europe/Brussels")


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
    if not day:
        return None
    moment = datetime.combine(date.fromisoformat(day), time(0, 0), tzinfo=BRUSSELS)
    return moment.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def load_city(data: dict, report: LoadReport) -> City:
    city = db.session.scalar(db.select(City).where(City.slug == data["city"]["slug"]))
    if city is None:
        city = City(**data["city"])
        db.session.add(city)
    for key, value in data["city"].items():
        setattr(city, key, value)
    known = {d.name: d for d in city.districts}
    for position, item in enumerate(data.get("districts", [])):
        district = known.get(item["name"]) or District(name=item["name"])
        district.postcode = item.get("postcode")
        district.position = position
        if district.id is None:
            city.districts.append(district)
    report.lines.append(f"City {city.name}: {len(data.get('districts', []))} districts")
    return city


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
                        ends_at=local_midnight_utc(phase.get("ends")),
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
    load_city(data, report)
    councils = load_councils(data, report)
    load_processes(data, report)
    load_accounts(data, councils, report)
    load_council_rounds(folder, councils, report.lines)
    db.session.flush()
    return report
