from participation.extensions import db
from participation.ideas.models import Idea
from tests.security.table import ADMIN, LOGIN, Check, everyone, only, signed_in


def build(world, make_user, make_process) -> None:
    world.vote_process = make_process("public", phases=[("propose", -20, -10), ("vote", -1, 5)], slug="stemmen")
    world.closed_process = make_process("public", phases=[("propose", -20, -10), ("vote", -9, -1)], slug="gestemd")
    world.staff_vote_process = make_process("staff", phases=[("vote", -1, 5)], slug="personeelsstemming")
    world.later_process = make_process("public", phases=[("propose", -1, 5), ("vote", 5, 10)], slug="later-stemmen")
    ideas = [
        Idea(process_id=p.id, title="Meer bomen", body="<p>Tekst</p>", theme="planet", status="published")
        for p in (world.vote_process, world.staff_vote_process)
    ]
    db.session.add_all(ideas)
    db.session.commit()
    world.vote_idea, world.staff_idea = ideas


STAFF = {"anonymous": 404, "resident": 404, "employee": 200, "council_member": 404, "moderator": 200,
         "administrator": 200}
STAFF_VOTE = {"anonymous": LOGIN, "resident": 404, "employee": 302, "council_member": 404, "moderator": 302,
              "administrator": 302}

ROUTES = {
    "votes.cast": [
        Check(lambda w: f"/stemmen/ideeen/{w.vote_idea.id}", signed_in(302), method="POST", data=lambda w: {}),
        Check(lambda w: f"/stemmen/ideeen/{w.staff_idea.id}", STAFF_VOTE, method="POST", data=lambda w: {}),
        Check(lambda w: "/stemmen/ideeen/999999", signed_in(404), method="POST", data=lambda w: {}),
    ],
    "votes.withdraw": [
        Check(lambda w: f"/stemmen/ideeen/{w.vote_idea.id}/intrekken", signed_in(302), method="POST",
              data=lambda w: {}),
        Check(lambda w: f"/stemmen/ideeen/{w.staff_idea.id}/intrekken", STAFF_VOTE, method="POST",
              data=lambda w: {}),
    ],
    "votes.ranking": [
        Check(lambda w: "/trajecten/stemmen/rangschikking", everyone()),
        Check(lambda w: "/trajecten/gestemd/rangschikking", everyone()),
        Check(lambda w: "/trajecten/later-stemmen/rangschikking", everyone()),
        Check(lambda w: "/trajecten/personeelsstemming/rangschikking", STAFF),
        Check(lambda w: "/trajecten/publiek/rangschikking", everyone(404), note="no vote phase"),
    ],
    "votes.ranking_data": [
        Check(lambda w: "/trajecten/stemmen/rangschikking.json", everyone()),
        Check(lambda w: "/trajecten/gestemd/rangschikking.json", everyone()),
        Check(lambda w: "/trajecten/personeelsstemming/rangschikking.json", STAFF),
        Check(lambda w: "/trajecten/publiek/rangschikking.json", everyone(404), note="no vote phase"),
    ],
    "votes.rule": [
        Check(lambda w: "/beheer/trajecten/later-stemmen/stemregel", only(ADMIN)),
        Check(lambda w: "/beheer/trajecten/later-stemmen/stemregel", only(ADMIN, code=302), method="POST",
              data=lambda w: {"kind": "approval"}),
        Check(lambda w: "/beheer/trajecten/stemmen/stemregel", only(ADMIN), method="POST",
              data=lambda w: {"kind": "approval"}, note="refused: the vote phase is open"),
    ],
    "votes.totals": [
        Check(lambda w: "/beheer/trajecten/stemmen/stemmen", only(ADMIN)),
        Check(lambda w: "/beheer/trajecten/personeelsstemming/stemmen", only(ADMIN)),
    ],
}

# Casting and taking back votes are limited per account.
RATE_LIMITED = {"votes.cast": "VOTE_RATE_LIMIT", "votes.withdraw": "VOTE_RATE_LIMIT"}
