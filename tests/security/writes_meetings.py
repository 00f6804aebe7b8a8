"""What a moderator or facilitator writes about a session in the room: its title, the groups that came,
its report, and a name seated in a council group without an account."""

from participation.advisory.models import Council, CouncilRound, MixedGroup
from participation.extensions import db
from participation.ideas.models import Idea
from tests.security.xss import WritePath


def _session(ctx, n: int, **fields) -> tuple:
    slug = f"xss-sessies-{n}"
    ctx.make_process(slug=slug)
    moderator = ctx.client_as("moderator")
    form = {"kind": "workshop", "title": "de workshop", "held_on": "2024-02-21",
            "attendance-0-group": "Medewerkers", "attendance-0-count": "12", **fields}
    saved = moderator.post(f"/trajecten/{slug}/sessies/nieuw", data=form)
    assert saved.status_code == 302, saved.get_data(as_text=True)[:500]
    return moderator, slug, saved.headers["Location"]


def session_title(ctx, value: str, n: int) -> list:
    moderator, slug, page = _session(ctx, n, title=value)
    return [moderator.get(page), ctx.client_as(None).get(f"/trajecten/{slug}"), ctx.client_as(None).get(page)]


def attendance_group(ctx, value: str, n: int) -> list:
    moderator, slug, page = _session(ctx, n, **{"attendance-0-group": value})
    return [ctx.client_as(None).get(page), moderator.get(f"/sessies/{page.rsplit('/', 1)[1]}/bewerken")]


def session_report(ctx, value: str, n: int) -> list:
    _moderator, _slug, page = _session(ctx, n, report=value)
    return [ctx.client_as(None).get(page)]


def idea_from_the_room(ctx, value: str, n: int) -> list:
    moderator, slug, page = _session(ctx, n)
    entered = moderator.post(f"{page}/ideeen/nieuw", data={"title": value, "body": value, "theme": "people"})
    assert entered.status_code == 302
    idea = db.session.scalar(db.select(Idea).order_by(Idea.id.desc()))
    return [moderator.get(f"/ideeen/{idea.id}"), moderator.get(f"/moderatie/ideeen/{idea.id}"), moderator.get(page)]


def guest_in_a_mixed_group(ctx, value: str, n: int) -> list:
    round_ = CouncilRound(slug=f"xss-ronde-{n}", title="Ronde", step="groups")
    council = Council(slug=f"xss-raad-{n}", name="Raad")
    group = MixedGroup(round=round_, name="Groep")
    db.session.add_all([round_, council, group])
    db.session.commit()
    admin = ctx.client_as("administrator")
    url = f"/beheer/adviesrondes/{round_.slug}/groepen/{group.id}"
    saved = admin.post(url, data={"action": "guest", "guest-name": value, "guest-council": "0"})
    assert saved.status_code == 302
    return [admin.get(url), admin.get(f"/beheer/adviesrondes/{round_.slug}/groepen")]


WRITE_PATHS = [
    WritePath("session title", session_title, max_length=200),
    WritePath("attendance group", attendance_group, max_length=120),
    WritePath("session report", session_report, max_length=2000),
    WritePath("idea from the room", idea_from_the_room, max_length=150),
    WritePath("guest in a mixed group", guest_in_a_mixed_group, max_length=120),
]
