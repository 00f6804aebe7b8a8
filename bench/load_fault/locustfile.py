"""The resident journey under load: newcomers register, residents log in, read and write.

Every acknowledged write (the app said it was saved) is appended to $ACK_FILE as `kind<TAB>key`,
and every request's outcome to $REQUEST_LOG, so check.py can compare them with the database and
the restart window. The idea task turns itself on when the ideas feature has a form on a process
page (a link ending in IDEA_FORM_SUFFIX); until then the journey writes accounts only.
The vote task casts votes with the real vote form on the ranking page of VOTE_PROCESS (seed.py
opens its voting phase); each acknowledged vote is `vote<TAB>email|idea id`.
"""

import itertools
import os
import random
import re
import threading
import time
import uuid
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

ACK_FILE = os.environ.get("ACK_FILE", "out/acks.tsv")
REQUEST_LOG = os.environ.get("REQUEST_LOG", "out/requests.tsv")
RESIDENTS = int(os.environ.get("BENCH_RESIDENTS", "40"))
RESIDENT_PASSWORD = os.environ.get("BENCH_PASSWORD", "Bench-wachtwoord-1")
IDEA_FORM_SUFFIX = os.environ.get("IDEA_FORM_SUFFIX", "/ideeen/nieuw")
VOTE_PROCESS = os.environ.get("VOTE_PROCESS", "bench-stemmen")
RUN = uuid.uuid4().hex[:6]
_counter = itertools.count()
_lock = threading.Lock()


def _append(path: str, line: str) -> None:
    with _lock, open(path, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def acknowledge(kind: str, key: str) -> None:
    _append(ACK_FILE, f"{kind}\t{key}\t{time.time():.3f}")


@events.request.add_listener
def log_request(request_type, name, response_time, response_length, response=None, exception=None, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    failed = 1 if exception is not None or status >= 500 or status == 0 else 0
    started = time.time() - response_time / 1000
    _append(REQUEST_LOG, f"{started:.3f}\t{response_time:.1f}\t{request_type}\t{name}\t{status}\t{failed}")


class Form(HTMLParser):
    """The first <form method=post> of a page: its action and the fields a person would fill."""

    def __init__(self, action_contains: str = ""):
        super().__init__()
        self.action_contains = action_contains
        self.inside = False
        self.found = False
        self.action = None
        self.fields: dict[str, str] = {}
        self.text_fields: list[str] = []
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.found and (a.get("method") or "").lower() == "post":
            # The page's own form posts to itself (no action) or names the path; the header's
            # log-out form is a POST form too and must never be mistaken for it.
            action = a.get("action") or ""
            if not action or (self.action_contains and self.action_contains in action):
                self.inside, self.found, self.action = True, True, action or None
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind == "hidden":
                self.fields[name] = a.get("value") or ""
            elif kind in ("checkbox", "radio"):
                self.fields.setdefault(name, a.get("value") or "y")
            elif kind in ("text", "email", "search", "url", "tel", "number", "date"):
                self.text_fields.append(name)
        elif tag == "textarea" and name:
            self.text_fields.append(name)
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and self.select not in self.fields and a.get("value"):
            self.fields[self.select] = a["value"]

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None


def parse_form(html: str, action_contains: str = "") -> Form:
    form = Form(action_contains)
    form.feed(html)
    return form


def csrf(html: str) -> str:
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    return found.group(1) if found else ""


class Newcomer(HttpUser):
    """An anonymous visitor who looks around and creates an account: one acknowledged write each time."""

    weight = 1
    wait_time = between(0.5, 1.5)

    @task(2)
    def look_around(self):
        self.client.get("/", name="GET /")
        self.client.get("/trajecten", name="GET /trajecten")

    @task(3)
    def register(self):
        self.client.cookies.clear()
        page = self.client.get("/account/registreren", name="GET /account/registreren")
        email = f"nieuw-{RUN}-{next(_counter)}@example.org"
        with self.client.post(
            "/account/registreren",
            name="POST /account/registreren",
            data={
                "csrf_token": csrf(page.text), "display_name": "Bewoner", "email": email,
                "password": "Vlasstraat-2026", "password_confirm": "Vlasstraat-2026", "accept": "y",
            },
            catch_response=True,
        ) as response:
            if response.status_code == 200 and "Kijk in je mailbox" in response.text:
                acknowledge("account", email)
                response.success()
            elif response.status_code < 500:
                response.failure(f"registration refused ({response.status_code})")


class Resident(HttpUser):
    """A resident who logs in, reads the processes and, when the ideas feature is there, proposes."""

    weight = 3
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.slugs: list[str] = []
        self.idea_forms: list[str] = []
        self.logged_in = False
        self.email = ""
        self.log_in()

    def log_in(self):
        page = self.client.get("/account/aanmelden", name="GET /account/aanmelden")
        email = f"bewoner{random.randrange(RESIDENTS)}@bench.example.org"
        self.email = email
        response = self.client.post(
            "/account/aanmelden",
            name="POST /account/aanmelden",
            data={"csrf_token": csrf(page.text), "email": email, "password": RESIDENT_PASSWORD},
            allow_redirects=False,
        )
        self.logged_in = response.status_code == 302

    @task(3)
    def home(self):
        self.client.get("/", name="GET /")

    @task(2)
    def processes(self):
        page = self.client.get("/trajecten", name="GET /trajecten")
        if page.status_code == 200:
            self.slugs = sorted(set(re.findall(r'href="/trajecten/([a-z0-9-]+)"', page.text))) or self.slugs

    @task(4)
    def process_page(self):
        if not self.slugs:
            return self.processes()
        page = self.client.get(f"/trajecten/{random.choice(self.slugs)}", name="GET /trajecten/<slug>")
        if page.status_code == 200:
            found = re.findall(r'href="(/trajecten/[^"]+' + re.escape(IDEA_FORM_SUFFIX) + ')"', page.text)
            self.idea_forms = sorted(set(found)) or self.idea_forms

    @task(2)
    def propose_idea(self):
        """Enabled once the ideas feature puts a form on the process page."""
        if not self.idea_forms:
            return
        if not self.logged_in:
            return self.log_in()
        path = random.choice(self.idea_forms)
        page = self.client.get(path, name="GET idea form")
        if page.status_code != 200:
            return
        if page.url and "/account/aanmelden" in page.url:
            self.logged_in = False
            return
        form = parse_form(page.text, IDEA_FORM_SUFFIX)
        if not form.found:
            return
        title = f"Bankje {RUN}-{next(_counter)}"
        data = dict(form.fields)
        for name in form.text_fields:
            data[name] = title if name == "title" else f"{title}: meer groen en een bank in de schaduw."
        with self.client.post(form.action or path, name="POST idea", data=data, allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code in (302, 303) and re.search(r"/ideeen/\d+$", response.headers.get("Location", "")):
                acknowledge("idea", title)
                response.success()
            elif response.status_code < 500:
                response.failure(f"idea refused ({response.status_code})")

    @task(3)
    def vote(self):
        """On the ranking page, support an idea with its own form, as votes.js sends it (JSON answer)."""
        if not self.logged_in:
            return self.log_in()
        page = self.client.get(f"/trajecten/{VOTE_PROCESS}/rangschikking?page={random.randint(1, 3)}",
                               name="GET ranking")
        if page.status_code != 200:
            return
        open_forms = re.findall(
            r'action="/stemmen/ideeen/(\d+)"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]+)">'
            r'(?:(?!</form>).)*?data-vote-cast="\1"(?![^>]*disabled)', page.text, flags=re.S)
        if not open_forms:
            return
        idea_id, token = random.choice(open_forms)
        with self.client.post(f"/stemmen/ideeen/{idea_id}", name="POST vote",
                              data={"csrf_token": token, "next": f"/trajecten/{VOTE_PROCESS}/rangschikking"},
                              headers={"Accept": "application/json"}, catch_response=True) as response:
            body = {}
            if response.status_code == 200:
                try:
                    body = response.json()
                except ValueError:
                    body = {}
            if response.status_code == 200 and body.get("ok"):
                acknowledge("vote", f"{self.email}|{idea_id}")
                response.success()
            elif response.status_code < 500:
                response.success()  # refused by the rule (already supported): not a write
