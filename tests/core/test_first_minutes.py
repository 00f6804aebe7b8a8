"""A newcomer's first minutes: `make run` installs only what the app needs, and in development the
mails are readable in the browser, so trying the platform means registering, opening the confirmation
mail on a page of the platform, and being logged in by its link."""

import re
import subprocess
import sys
import tomllib

from participation import ROOT, create_app
from participation.accounts.models import User
from participation.extensions import db

TEST_TOOLS = ("pytest", "playwright", "pref_voting", "pypdf", "ruff", "jsonschema")


def make_rule(target: str) -> tuple[list[str], list[str]]:
    """(prerequisites, recipe lines) of a Makefile target."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(target)}:([^\n]*)\n((?:\t[^\n]*\n)*)", text, re.M)
    assert match, f"no target {target}"
    return match.group(1).split(), [line.strip() for line in match.group(2).splitlines()]


def test_make_run_installs_the_app_without_the_test_tools():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    app_dependencies = " ".join(project["dependencies"]).lower()
    assert not [tool for tool in TEST_TOOLS if tool.replace("_", "-") in app_dependencies.replace("_", "-")]
    dev = " ".join(project["optional-dependencies"]["dev"]).lower()
    assert all(tool.replace("_", "-") in dev.replace("_", "-") for tool in TEST_TOOLS)

    assert make_rule("run")[0] == ["database"]
    assert make_rule("database")[0] == ["setup"]
    assert "$(INSTALLED)" in make_rule("setup")[0]
    install = make_rule("$(INSTALLED)")[1]
    assert any("pip install" in line and line.endswith("-e .") for line in install), install
    assert "dev-setup" in make_rule("test")[0]
    assert any("'.[dev]'" in line for line in make_rule("$(DEV_INSTALLED)")[1])


def test_the_app_runs_without_any_test_tool(tmp_path):
    """Start the development app and open its pages in a Python where the test tools cannot be imported."""
    script = f"""
import importlib.abc, sys
class NoTestTools(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {TEST_TOOLS!r}:
            raise ImportError('test tool ' + name + ' is not installed by make run')
sys.meta_path.insert(0, NoTestTools())
for name in list(sys.modules):
    if name.split('.')[0] in {TEST_TOOLS!r}:
        del sys.modules[name]
import flask_migrate
from participation import create_app
app = create_app('development', SQLALCHEMY_DATABASE_URI='sqlite:///{tmp_path / "run.db"}')
with app.app_context():
    flask_migrate.upgrade()
client = app.test_client()
for path in ('/', '/trajecten', '/account/registreren', '/ontwikkeling/mails'):
    assert client.get(path).status_code == 200, path
print('ok')
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok")


def test_only_development_serves_the_mailbox(app, development_app, monkeypatch):
    import config

    assert "mail.outbox" in development_app.view_functions
    assert "mail.outbox" not in app.view_functions
    assert app.test_client().get("/ontwikkeling/mails").status_code == 404
    monkeypatch.setattr(config.ProductionConfig, "SECRET_KEY", "p" * 40)
    monkeypatch.setattr(config.ProductionConfig, "PUBLIC_URL", "https://localhost", raising=False)
    production = create_app("production", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    assert "mail.outbox" not in production.view_functions
    assert production.test_client().get("/ontwikkeling/mails").status_code == 404
    sending = create_app("development", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                         MAIL_BACKEND="smtp")
    assert "mail.outbox" not in sending.view_functions, "real mails are never shown in a page"


def test_a_newcomer_reads_the_confirmation_in_the_browser_and_is_logged_in(development_app):
    client = development_app.test_client()
    response = client.post("/account/registreren", data={
        "display_name": "Noor", "email": "noor@example.org", "password": "Leiestraat-12",
        "password_confirm": "Leiestraat-12", "accept": "y",
    })
    page = response.get_data(as_text=True)
    assert "Kijk in je mailbox" in page
    assert '<a href="/ontwikkeling/mails">' in page

    mailbox = client.get("/ontwikkeling/mails").get_data(as_text=True)
    assert "noor@example.org" in mailbox
    link = re.search(r'<a href="http://[^/"]+(/account/bevestigen/[^"]+)"', mailbox)
    assert link, "the confirmation link can be clicked"

    response = client.get(link.group(1), follow_redirects=True)
    assert "Je e-mailadres is bevestigd en je bent aangemeld." in response.get_data(as_text=True)
    assert client.get("/account").status_code == 200
    assert db.session.scalar(db.select(User).where(User.email == "noor@example.org")).is_confirmed


def test_an_old_confirmation_link_opens_no_session(client, outbox):
    client.post("/account/registreren", data={
        "display_name": "Noor", "email": "noor@example.org", "password": "Leiestraat-12",
        "password_confirm": "Leiestraat-12", "accept": "y",
    })
    link = re.search(r"http://localhost(/\S+)", outbox("noor@example.org")[0].body).group(1)
    client.get(link)
    assert client.get("/account").status_code == 200
    client.post("/account/afmelden")

    response = client.get(link, follow_redirects=True)
    assert "Je kunt je nu aanmelden." in response.get_data(as_text=True)
    assert client.get("/account").status_code == 302
