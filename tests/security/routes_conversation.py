"""Comments, notifications and account settings in the route × role table."""

from participation.comments.models import Comment
from participation.extensions import db
from participation.ideas import services
from participation.notifications.services import unsubscribe_token
from tests.security.table import MODERATOR, Check, everyone, only, signed_in


def _published(process, author, moderator, title: str):
    idea = services._new_idea(process, services.IdeaText(title=title, body="Tekst", theme="people"), author,
                              author_id=author.id)
    services.set_status(idea, "published", moderator, "Gepubliceerd.", notify=False)
    return idea


def build(world, make_user, make_process) -> None:
    open_process = make_process("public", slug="gesprek-open")
    closed_process = make_process("public", slug="gesprek-dicht", phases=[("result", -1, None)])
    author, moderator = make_user(email="schrijver@example.org"), make_user("moderator", email="mod2@example.org")
    world.talk_idea = _published(open_process, author, moderator, "Idee om over te praten")
    world.closed_talk_idea = _published(closed_process, author, moderator, "Idee na de stemming")
    db.session.flush()
    world.comment = Comment(idea_id=world.talk_idea.id, author_id=author.id, body="Een reactie.")
    world.reported = Comment(idea_id=world.talk_idea.id, author_id=author.id, body="Een gemelde reactie.")
    db.session.add_all([world.comment, world.reported])
    db.session.commit()
    world.unsubscribe_token = unsubscribe_token(author)


ROUTES = {
    "comments.post": [
        Check(lambda w: f"/ideeen/{w.talk_idea.id}/reacties", signed_in(302), method="POST",
              data=lambda w: {"body": "Mooi idee."}),
        Check(lambda w: f"/ideeen/{w.closed_talk_idea.id}/reacties", signed_in(403), method="POST",
              data=lambda w: {"body": "Te laat."}),
        Check(lambda w: "/ideeen/999999/reacties", signed_in(404), method="POST", data=lambda w: {"body": "x"}),
    ],
    "comments.report": [
        Check(lambda w: f"/reacties/{w.comment.id}/melden", signed_in()),
        Check(lambda w: f"/reacties/{w.comment.id}/melden", signed_in(302), method="POST",
              data=lambda w: {"reason": "Kwetsend"}),
    ],
    "comments.queue": [Check(lambda w: "/moderatie/reacties", only(MODERATOR))],
    "comments.hide": [
        Check(lambda w: f"/moderatie/reacties/{w.reported.id}/verbergen", only(MODERATOR, code=302), method="POST",
              data=lambda w: {"reason": "Reclame"}),
    ],
    "comments.keep": [
        Check(lambda w: f"/moderatie/reacties/{w.comment.id}/behouden", only(MODERATOR, code=302), method="POST",
              data=lambda w: {}),
    ],
    "comments.api_comments": [Check(lambda w: "/api/v1/comments", everyone())],
    "notifications.index": [Check(lambda w: "/account/meldingen", signed_in())],
    "notifications.mail_preference": [
        Check(lambda w: "/account/meldingen/mails", signed_in(302), method="POST",
              data=lambda w: {"mail_preference": "weekly"}),
    ],
    "notifications.unsubscribe": [
        Check(lambda w: f"/mail/uitschrijven/{w.unsubscribe_token}", everyone()),
        Check(lambda w: "/mail/uitschrijven/ongeldig", everyone(404)),
    ],
    "accounts.settings": [
        Check(lambda w: "/account/instellingen", signed_in()),
        Check(lambda w: "/account/instellingen", signed_in(200), method="POST", data=lambda w: {}),
    ],
    "accounts.change_email": [
        Check(lambda w: "/account/e-mailadres", signed_in(422), method="POST", data=lambda w: {}),
    ],
    "accounts.confirm_email_change": [Check(lambda w: "/account/e-mailadres-bevestigen/ongeldig", everyone(302))],
}

RATE_LIMITED = {
    "comments.post": "SUBMIT_RATE_LIMIT",
    "comments.report": "SUBMIT_RATE_LIMIT",
    "accounts.change_email": "LOGIN_RATE_LIMIT",
}
