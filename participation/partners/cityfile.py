"""The city's partners file (``partners.json`` in its folder): read and checked, nothing saved.

    {"partners": [{"slug": "w13", "name": "W13", "aliases": ["W13"], "description": "…", "site": ""}]}

``slug`` and ``name`` are required; ``full_name``, ``description`` and ``site`` are optional. ``aliases``
are the words the plan names the partner by; without the key, the name itself, and an empty list never
recognises the partner (Zuid-West would otherwise match "Zuid-West-Vlaanderen"). Every problem of the file
is reported at once, in the reader's language (Dutch on the command line).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from flask_babel import gettext as _

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FIELDS = {"slug", "name", "full_name", "aliases", "description", "site"}
LIMITS = {"slug": 80, "name": 200, "full_name": 300, "site": 300, "description": 2000}
ALIAS_MAX = 100


class PartnersFileError(ValueError):
    """The file cannot be used; ``problems`` are for the person who gave it."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class PartnerData:
    slug: str
    name: str
    full_name: str = ""
    description: str = ""
    site: str = ""
    aliases: tuple[str, ...] = ()


def read_partners(raw: bytes | str) -> list[PartnerData]:
    """The partners of a file in its order, or :class:`PartnersFileError` with every problem found."""
    try:
        data = json.loads(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
    except UnicodeDecodeError:
        raise PartnersFileError([_("The file is not UTF-8 text.")]) from None
    except json.JSONDecodeError as error:
        raise PartnersFileError(
            [_("The file is not valid JSON (line %(line)s, column %(column)s).", line=error.lineno, column=error.colno)]
        ) from None
    items = data.get("partners") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise PartnersFileError([_("The file needs a list “partners”.")])
    problems: list[str] = []
    partners: list[PartnerData] = []
    slugs: set[str] = set()
    for number, item in enumerate(items, start=1):
        found = _check(item, number, slugs)
        if isinstance(found, PartnerData):
            partners.append(found)
        else:
            problems.extend(found)
    if problems:
        raise PartnersFileError(problems)
    return partners


def _check(item, number: int, slugs: set[str]) -> PartnerData | list[str]:
    if not isinstance(item, dict):
        return [_("Partner %(number)s: give the partner as an object with a slug and a name.", number=number)]
    problems = []
    for key in sorted(set(item) - FIELDS):
        problems.append(_("Partner %(number)s: “%(field)s” is not a field of a partner.", number=number, field=key))
    values = {}
    for key in ("slug", "name", "full_name", "description", "site"):
        value = item.get(key, "")
        if not isinstance(value, str):
            problems.append(_("Partner %(number)s: “%(field)s” must be text.", number=number, field=key))
            value = ""
        value = value.strip()
        if len(value) > LIMITS[key]:
            problems.append(_("Partner %(number)s: “%(field)s” is longer than %(max)s characters.",
                              number=number, field=key, max=LIMITS[key]))
        values[key] = value
    if not values["name"]:
        problems.append(_("Partner %(number)s has no name.", number=number))
    slug = values["slug"]
    if not SLUG.fullmatch(slug):
        problems.append(_("Partner %(number)s: the slug “%(slug)s” may hold only lower-case letters, digits and "
                          "hyphens.", number=number, slug=slug))
    elif slug in slugs:
        problems.append(_("Partner %(number)s: the slug “%(slug)s” is used twice.", number=number, slug=slug))
    slugs.add(slug)
    if values["site"] and not re.fullmatch(r"https?://\S+", values["site"]):
        problems.append(_("Partner %(number)s: the site must start with https:// or http://.", number=number))
    aliases = item.get("aliases", [values["name"]] if values["name"] else [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        problems.append(_("Partner %(number)s: “aliases” must be a list of names.", number=number))
        aliases = []
    elif any(len(alias) > ALIAS_MAX for alias in aliases):
        problems.append(_("Partner %(number)s: a name in “aliases” is longer than %(max)s characters.",
                          number=number, max=ALIAS_MAX))
    if problems:
        return problems
    return PartnerData(aliases=tuple(dict.fromkeys(alias.strip() for alias in aliases)), **values)
