"""The menu offers each role its tools: moderation to moderators, administration to administrators."""

import pytest

MENU_TOOLS = {
    "screening": 'href="/moderatie/ideeen"',
    "reported_comments": 'href="/moderatie/reacties"',
    "processes": 'href="/beheer/trajecten"',
    "users": 'href="/beheer/gebruikers"',
    "exports": 'href="/beheer/exports"',
}
MODERATION = {"screening", "reported_comments"}


@pytest.mark.parametrize(("role", "offered"), [
    ("anonymous", set()),
    ("resident", set()),
    ("employee", set()),
    ("council_member", set()),
    ("moderator", MODERATION),
    ("administrator", MODERATION | {"processes", "users", "exports"}),
])
def test_the_menu_offers_each_role_only_its_tools(client_as, role, offered):
    page = client_as(role).get("/sdgs").get_data(as_text=True)
    assert 'href="/plan"' in page
    assert {name for name, href in MENU_TOOLS.items() if href in page} == offered
    assert ('class="menu-tools"' in page) is bool(offered)
