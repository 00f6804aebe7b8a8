"""Stored XSS: every field a user writes comes back as text, never as something a browser runs.

Each feature lists its fields in tests/security/writes_<feature>.py (WRITE_PATHS); this test stores
every payload through every one of them and reads the pages that show it with an HTML parser.
"""

from types import SimpleNamespace

import pytest

from participation.security import sanitize_html
from tests.security.walk import table_modules
from tests.security.xss import PAYLOADS, active_content, shown_values


def write_paths():
    return [path for module in table_modules("writes_") for path in module.WRITE_PATHS]


@pytest.mark.parametrize("path", write_paths(), ids=lambda path: path.name)
def test_stored_payloads_never_come_back_executable(path, world, client_as, make_user, make_process, login):
    ctx = SimpleNamespace(client_as=client_as, make_user=make_user, make_process=make_process, login=login,
                          world=world)
    failures = []
    for n, payload in enumerate(PAYLOADS):
        marker = f"X{n:02d} "
        value = (marker + payload)[: path.max_length]
        for response in path.write(ctx, value, n):
            html = response.get_data(as_text=True)
            where = f"{path.name}, payload {n} {payload!r}, {response.request.path}"
            if response.status_code != 200:
                failures.append(f"{where}: status {response.status_code}")
                continue
            if marker.strip() not in shown_values(html):
                failures.append(f"{where}: the stored value is not on the page")
            failures.extend(f"{where}: {problem}" for problem in active_content(html))
    assert not failures, "\n".join(failures)


def test_the_checker_notices_an_executable_page():
    """The parser would see what a browser runs: a guard against a test that always passes."""
    for payload in PAYLOADS[:3] + ['<a href="jav&#x09;ascript:alert(1)">x</a>', "<svg onload=alert(1)>"]:
        assert active_content(f"<p>{payload}</p>"), payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitize_html_leaves_nothing_executable(payload):
    assert active_content(sanitize_html(payload), allowed_head=False) == []


def test_sanitize_html_keeps_the_allowed_markup():
    html = sanitize_html("<p>Een <strong>groene</strong> <em>speelplaats</em></p><ul><li>bomen</li></ul>")
    assert html == "<p>Een <strong>groene</strong> <em>speelplaats</em></p><ul><li>bomen</li></ul>"


def test_sanitize_html_makes_links_safe():
    html = sanitize_html('<a href="https://www.harelbeke.be/" onclick="x()">stad</a> en www.example.org')
    assert "onclick" not in html
    assert 'href="https://www.harelbeke.be/"' in html
    assert 'rel="nofollow' in html
    assert 'href="http://www.example.org"' in html


def test_sanitize_html_drops_script_urls_but_keeps_the_words():
    html = sanitize_html('<a href="javascript:alert(1)">klik hier</a>')
    assert "javascript" not in html
    assert "klik hier" in html


def test_sanitize_html_of_nothing_is_empty():
    assert sanitize_html(None) == ""
    assert sanitize_html("") == ""
