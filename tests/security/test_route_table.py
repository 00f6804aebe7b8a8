"""Every route × every role, with the answer each role must get.

The table lives in tests/security/routes_*.py, one module per feature; each module has ROUTES
(endpoint -> checks) and build(world, make_user, make_process) to create what its URLs need.
A route that is in the app but not in the table fails `test_every_route_is_in_the_table`.
"""

import importlib
import pkgutil
from types import SimpleNamespace

import pytest

import tests.security as package
from tests.security.table import ALL_ROLES


def table_modules():
    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if info.name.startswith("routes_")
    ]


def route_table() -> dict:
    table = {}
    for module in table_modules():
        overlap = table.keys() & module.ROUTES.keys()
        assert not overlap, f"{module.__name__} repeats {overlap}"
        table.update(module.ROUTES)
    return table


def unlisted_endpoints(app, table: dict) -> list[str]:
    return sorted({rule.endpoint for rule in app.url_map.iter_rules()} - table.keys())


def test_every_route_is_in_the_table(app):
    missing = unlisted_endpoints(app, route_table())
    assert not missing, f"Routes without an entry in tests/security/routes_*.py: {missing}"


def test_a_new_unlisted_route_fails_the_table(app):
    from flask import Flask

    other = Flask("probe")
    for rule in app.url_map.iter_rules():
        other.add_url_rule(rule.rule, rule.endpoint, methods=rule.methods)
    other.add_url_rule("/nieuw", "feature.new_page", lambda: "")
    assert unlisted_endpoints(other, route_table()) == ["feature.new_page"]


def test_every_view_declares_who_may_open_it(app):
    undeclared = [
        endpoint for endpoint, view in app.view_functions.items()
        if endpoint != "static" and not hasattr(view, "required_roles")
    ]
    assert not undeclared, f"Views without @access(...): {undeclared}"


@pytest.fixture
def world(make_user, make_process):
    world = SimpleNamespace()
    for module in table_modules():
        if hasattr(module, "build"):
            module.build(world, make_user, make_process)
    return world


@pytest.mark.parametrize("role", ALL_ROLES)
def test_route_answers_per_role(app, role, world, client_as):
    failures = []
    for endpoint, checks in sorted(route_table().items()):
        for check in checks:
            client = client_as(role)
            url = check.url(world)
            data = check.data(world) if check.data else None
            response = client.open(url, method=check.method, data=data)
            want = check.expected[role]
            if response.status_code != want:
                failures.append(f"{check.method} {url} ({endpoint}) as {role}: got {response.status_code}, want {want}")
    assert not failures, "\n".join(failures)


def development_routes() -> dict:
    table = {}
    for module in table_modules():
        table.update(getattr(module, "DEVELOPMENT_ROUTES", {}))
    return table


def test_development_routes_are_in_the_table_and_only_in_development(app, development_app):
    development = development_routes()
    assert development, "the development mailbox is declared"
    assert unlisted_endpoints(development_app, {**route_table(), **development}) == []
    assert not development.keys() & set(app.view_functions)
    assert not development.keys() & route_table().keys()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_development_route_answers_per_role(development_app, role, world, make_user):
    from tests.conftest import log_in

    failures = []
    for endpoint, checks in sorted(development_routes().items()):
        for check in checks:
            client = development_app.test_client()
            if role != "anonymous":
                log_in(client, make_user(role))
            response = client.open(check.url(world), method=check.method)
            if response.status_code != check.expected[role]:
                failures.append(f"{check.url(world)} ({endpoint}) as {role}: got {response.status_code}")
    assert not failures, "\n".join(failures)
