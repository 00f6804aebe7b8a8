"""Values a form or an address was never meant to get (a superscript digit, a number too large for the
database, the year 1, invisible characters) give a message or a 4xx, never a 500.

The walk takes every route of the route × role table, for every role, and sends each hostile value in
every form field, in the query string and in place of the numbers of the path."""

import re

import pytest

from tests.security.table import ALL_ROLES
from tests.security.walk import post_checks, route_table

HOSTILE = ("²", "99999999999999999999", "0001-01-01", "\u200b\u200b")
QUERY = {"page": "²", "per_page": "99999999999999999999", "wijk": "3000000000", "deelgemeente": "²",
         "district": "99999999999999999999", "neighbourhood": "3000000000", "sdg": "²", "q": "\x00",
         "status": "²", "sorteer": "²", "thema": "\u200b", "idea": "99999999999999999999", "next": "²"}
EXTRA_FIELDS = ("rank-1", "point-1", "item", "target", "action_id", "propose_starts", "vote_ends", "budget",
                "max_per_idea", "year", "number", "goal")
NUMBER_IN_PATH = re.compile(r"(?<=/)\d+(?=/|$)")


def hostile_posts(data: dict) -> list[dict]:
    """The check's own fields, and the fields that parse numbers and dates, each set to one hostile value."""
    fields = {*data, *EXTRA_FIELDS}
    return [{name: value for name in fields} | {"action": data.get("action", ""), "do": data.get("do", "")}
            for value in HOSTILE]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_no_route_answers_500_to_hostile_values(app, role, world, client_as):
    failures = []

    def probe(client, method, url, data=None):
        try:
            response = client.open(url, method=method, data=data)
        except Exception as error:  # an exception that escaped every handler
            failures.append(f"{method} {url} as {role}: {error!r}")
            return
        if response.status_code >= 500:
            failures.append(f"{method} {url} {data!r:.120} as {role}: {response.status_code}")

    client = client_as(role)
    for checks in route_table().values():
        for check in checks:
            if check.method != "GET":
                continue
            url = check.url(world)
            if "?" not in url:
                probe(client, "GET", url, None)
                probe(client, "GET", url + "?" + "&".join(f"{key}={value}" for key, value in QUERY.items()))
            if NUMBER_IN_PATH.search(url):
                probe(client, "GET", NUMBER_IN_PATH.sub("99999999999999999999", url))
    for _endpoint, check in post_checks(app, route_table()):
        url = check.url(world)
        base = check.data(world) if check.data else {}
        for data in hostile_posts(base):
            probe(client_as(role), "POST", url, data)
        if NUMBER_IN_PATH.search(url):
            probe(client, "POST", NUMBER_IN_PATH.sub("3000000000", url), base)
    assert not failures, "\n".join(failures)
