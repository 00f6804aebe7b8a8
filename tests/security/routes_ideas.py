from participation.core.models import VisionNote
from participation.demo.chapters import load_chapters
from participation.demo.loader import DATA_DIR
from participation.extensions import db
from participation.ideas import services
from tests.security.table import ADMIN, EMPLOYEE, MODERATOR, Check, everyone, only, signed_in

STAFF_ONLY = {"anonymous": 302, "resident": 404, "employee": 200, "council_member": 404, "moderator": 200,
              "administrator": 200}
SCREENERS_ONLY = {"anonymous": 404, "resident": 404, "employee": 404, "council_member": 404, "moderator": 200,
                  "administrator": 200}


def _idea(process, author, moderator, title: str, status: str = "published"):
    idea = services._new_idea(
        process, services.IdeaText(title=title, body="<p>Tekst</p>", theme="people"), author, author_id=author.id
    )
    if status == "published":
        services.set_status(idea, "published", moderator, "Gepubliceerd.", notify=False)
    return idea


def build(world, make_user, make_process) -> None:
    world.ideas_open = make_process("public", slug="ideeen-open")
    world.ideas_closed = make_process("public", slug="ideeen-dicht", phases=[("vote", -1, 10)])
    world.ideas_staff = make_process("staff", slug="ideeen-personeel")
    author, moderator = make_user(email="auteur@example.org"), make_user("moderator", email="mod@example.org")
    world.published = _idea(world.ideas_open, author, moderator, "Gepubliceerd idee")
    world.submitted = _idea(world.ideas_open, author, moderator, "Ingediend idee", status="submitted")
    world.staff_idea = _idea(world.ideas_staff, author, moderator, "Idee van het personeel")
    world.to_publish = _idea(world.ideas_open, author, moderator, "Te publiceren", status="submitted")
    world.duplicate = _idea(world.ideas_open, author, moderator, "Dubbel idee")
    world.kept = _idea(world.ideas_open, author, moderator, "Blijvend idee")
    world.to_correct = _idea(world.ideas_open, author, moderator, "Idee met tikfuot")
    world.note_round = make_process("staff", slug="nota-ronde", phases=[("propose", -30, -20), ("vote", -20, -10)])
    world.staff_round_idea = _idea(world.note_round, author, moderator, "Idee voor de nota")
    load_chapters(DATA_DIR / "harelbeke", [])
    db.session.add(VisionNote(slug="nota-test", title="Nota", process_id=world.note_round.id, content={}))
    db.session.commit()


IDEA = {"title": "Een idee", "body": "<p>Tekst</p>", "theme": "people"}

ROUTES = {
    "ideas.new": [
        Check(lambda w: "/trajecten/ideeen-open/ideeen/nieuw", signed_in()),
        Check(lambda w: "/trajecten/ideeen-open/ideeen/nieuw", signed_in(200), method="POST", data=lambda w: {}),
        Check(lambda w: "/trajecten/ideeen-dicht/ideeen/nieuw", signed_in(403)),
        Check(lambda w: "/trajecten/ideeen-dicht/ideeen/nieuw", signed_in(403), method="POST", data=lambda w: IDEA),
        Check(lambda w: "/trajecten/ideeen-personeel/ideeen/nieuw", STAFF_ONLY),
    ],
    "ideas.desk": [
        Check(lambda w: "/trajecten/ideeen-open/ideeen/loket", only(EMPLOYEE, MODERATOR)),
        Check(lambda w: "/trajecten/ideeen-open/ideeen/loket", only(EMPLOYEE, MODERATOR), method="POST",
              data=lambda w: {}),
        Check(lambda w: "/trajecten/ideeen-dicht/ideeen/loket", only(EMPLOYEE, MODERATOR, code=403)),
    ],
    "ideas.show": [
        Check(lambda w: f"/ideeen/{w.published.id}", everyone()),
        Check(lambda w: f"/ideeen/{w.submitted.id}", SCREENERS_ONLY),
        Check(lambda w: f"/ideeen/{w.staff_idea.id}", {**STAFF_ONLY, "anonymous": 404}),
        Check(lambda w: "/ideeen/999999", everyone(404)),
    ],
    "ideas.edit": [
        Check(lambda w: f"/ideeen/{w.published.id}/bewerken", signed_in(403)),
        Check(lambda w: f"/ideeen/{w.published.id}/bewerken", signed_in(403), method="POST", data=lambda w: IDEA),
        Check(lambda w: f"/ideeen/{w.submitted.id}/bewerken",
              {**SCREENERS_ONLY, "anonymous": 302, "moderator": 403, "administrator": 403}),
    ],
    "ideas.follow": [
        Check(lambda w: f"/ideeen/{w.published.id}/volgen", signed_in(302), method="POST", data=lambda w: {}),
        Check(lambda w: f"/ideeen/{w.submitted.id}/volgen",
              {**SCREENERS_ONLY, "anonymous": 302, "moderator": 403, "administrator": 403}, method="POST",
              data=lambda w: {}),
    ],
    "ideas.unfollow": [
        Check(lambda w: f"/ideeen/{w.published.id}/niet-meer-volgen", signed_in(302), method="POST",
              data=lambda w: {}),
    ],
    "ideas.mine": [Check(lambda w: "/account/ideeen", signed_in())],
    "ideas.followed": [Check(lambda w: "/account/gevolgde-ideeen", signed_in())],
    "ideas.queue": [Check(lambda w: "/moderatie/ideeen", only(MODERATOR))],
    "ideas.screen": [
        Check(lambda w: f"/moderatie/ideeen/{w.published.id}", only(MODERATOR)),
        Check(lambda w: f"/moderatie/ideeen/{w.staff_idea.id}", only(MODERATOR)),
    ],
    "ideas.change_status": [
        Check(lambda w: f"/moderatie/ideeen/{w.to_publish.id}/status", only(MODERATOR, code=302), method="POST",
              data=lambda w: {"status": "published", "explanation": "Bedankt."}),
    ],
    "ideas.merge": [
        Check(lambda w: f"/moderatie/ideeen/{w.duplicate.id}/samenvoegen", only(MODERATOR, code=302),
              method="POST", data=lambda w: {"target": w.kept.id, "explanation": "Zelfde idee."}),
    ],
    "ideas.correct": [
        Check(lambda w: f"/moderatie/ideeen/{w.to_correct.id}/corrigeren", only(MODERATOR, code=302),
              method="POST", data=lambda w: {"title": "Idee met tikfout", "body": "<p>Tekst</p>",
                                             "reason": "Tikfout"}),
    ],
    "ideas.note": [
        Check(lambda w: "/nota/nota-test", everyone(), note="the note is the city's public vision"),
        Check(lambda w: "/nota/onbekend", everyone(404)),
    ],
    "ideas.keep_for_chapter": [
        Check(lambda w: f"/moderatie/ideeen/{w.staff_round_idea.id}/hoofdstuk", only(MODERATOR, code=302),
              method="POST", data=lambda w: {"chapter": "public_services", "note": "Past bij de dienstverlening."}),
    ],
    "ideas.withdraw_keep": [
        Check(lambda w: f"/moderatie/ideeen/{w.staff_round_idea.id}/hoofdstuk/intrekken", only(MODERATOR, code=302),
              method="POST", data=lambda w: {}),
    ],
    "processes.admin_index": [Check(lambda w: "/beheer/trajecten", only(ADMIN))],
    "processes.create": [
        Check(lambda w: "/beheer/trajecten/nieuw", only(ADMIN)),
        Check(lambda w: "/beheer/trajecten/nieuw", only(ADMIN), method="POST", data=lambda w: {}),
    ],
    "processes.edit": [
        Check(lambda w: f"/beheer/trajecten/{w.ideas_open.id}", only(ADMIN)),
        Check(lambda w: f"/beheer/trajecten/{w.ideas_open.id}", only(ADMIN), method="POST", data=lambda w: {}),
        Check(lambda w: "/beheer/trajecten/999999", only(ADMIN, code=404)),
    ],
}

ROUTES["ideas.similar"] = [
    Check(lambda w: "/trajecten/ideeen-open/ideeen/gelijkaardig?titel=Gepubliceerd", everyone()),
    Check(lambda w: "/trajecten/ideeen-personeel/ideeen/gelijkaardig?titel=Idee", {**STAFF_ONLY, "anonymous": 404}),
]

# Submitting an idea is limited per visitor (the desk, where staff enter ideas for residents, is not).
RATE_LIMITED = {"ideas.new": "SUBMIT_RATE_LIMIT"}
