"""Walking the route × role table: its modules, the world their URLs need, and who may open what."""

import importlib
import pkgutil
from types import SimpleNamespace

import tests.security as package
from tests.security.table import ADMIN, ALL_ROLES, Check


def table_modules(prefix: str = "routes_") -> list:
    """The feature modules of this package whose names start with `prefix` (routes_, writes_)."""
    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if info.name.startswith(prefix)
    ]


def route_table() -> dict[str, list[Check]]:
    table: dict[str, list[Check]] = {}
    for module in table_modules():
        overlap = table.keys() & module.ROUTES.keys()
        assert not overlap, f"{module.__name__} repeats {overlap}"
        table.update(module.ROUTES)
    return table


def rate_limited() -> dict[str, str]:
    """Endpoint -> the config key of its limit, from each routes_ module's optional RATE_LIMITED."""
    limited: dict[str, str] = {}
    for module in table_modules():
        limited.update(getattr(module, "RATE_LIMITED", {}))
    return limited


def build_world(make_user, make_process) -> SimpleNamespace:
    world = SimpleNamespace()
    for module in table_modules():
        if hasattr(module, "build"):
            module.build(world, make_user, make_process)
    return world


def allowed_role(check: Check) -> str:
    """A role that gets a real answer (not a login redirect, 403 or 404), the most powerful first."""
    for role in reversed(ALL_ROLES):
        code = check.expected[role]
        if code < 400 and not (role == "anonymous" and code == 302 and check.expected[ADMIN] != 302):
            return role
    return ADMIN


def post_checks(app, table: dict[str, list[Check]]) -> list[tuple[str, Check]]:
    """Every POST route of the URL map with the check that posts to it.

    A route that accepts POST but has only GET checks is posted to at its first check's URL, so no
    POST route escapes the walk.
    """
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint):
        if "POST" not in (rule.methods or ()) or rule.endpoint not in table:
            continue
        checks = table[rule.endpoint]
        posts = [c for c in checks if c.method == "POST"]
        if posts:
            found.extend((rule.endpoint, check) for check in posts)
        else:
            first = checks[0]
            found.append((rule.endpoint, Check(first.url, first.expected, "POST", lambda w: {})))
    return found
