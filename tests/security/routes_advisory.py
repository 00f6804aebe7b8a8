from participation.advisory.models import (
    AmbitionPoint,
    Council,
    CouncilMembership,
    CouncilRound,
    MixedGroup,
    Proposal,
)
from participation.extensions import db
from tests.security.table import ADMIN, ALL_ROLES, COUNCIL, MODERATOR, Check, everyone, only, signed_in

# A council member without a seat on the council: allowed in by role, refused by the council rule.
SEATLESS = {**only(COUNCIL), COUNCIL: 403, ADMIN: 403}


def build(world, make_user, make_process) -> None:
    world.member = make_user(email="raadslid-tabel@example.org")
    world.council = Council(slug="proefraad", name="Proefraad")
    world.ranking = CouncilRound(slug="proef-rangschikking", title="Proef", step="ranking")
    world.published_round = CouncilRound(slug="proef-gepubliceerd", title="Gepubliceerd", step="published")
    world.bundling = CouncilRound(slug="proef-bundelen", title="Bundelen", step="bundling")
    db.session.add_all([world.council, world.ranking, world.published_round, world.bundling])
    world.proposal = Proposal(round=world.ranking, council=world.council, title="Voorstel")
    world.group = MixedGroup(round=world.ranking, name="Groep 1")
    world.point = AmbitionPoint(round=world.bundling, number=1, title="Punt")
    world.published_point = AmbitionPoint(round=world.published_round, number=1, title="Gepubliceerd punt")
    db.session.add_all([world.proposal, world.group, world.point, world.published_point,
                        CouncilMembership(council=world.council, user=world.member, role="member")])
    db.session.commit()


def insiders(code: int = 200, public: int = 404) -> dict[str, int]:
    """Council members and administrators see an unpublished round; the others get 404 (anonymous too)."""
    return {role: code if role in (COUNCIL, ADMIN) else public for role in ALL_ROLES}


ROUTES = {
    "advisory.index": [Check(lambda w: "/adviesraden", everyone())],
    "advisory.round_overview": [
        Check(lambda w: "/adviesraden/rondes/proef-rangschikking", insiders()),
        Check(lambda w: "/adviesraden/rondes/proef-gepubliceerd", everyone()),
    ],
    "advisory.proposals": [
        Check(lambda w: "/adviesraden/rondes/proef-rangschikking/voorstellen/proefraad", only(COUNCIL)),
        Check(lambda w: "/adviesraden/rondes/proef-rangschikking/voorstellen/proefraad",
              {**only(COUNCIL), COUNCIL: 403, ADMIN: 200}, method="POST", data=lambda w: {"title": "X"},
              note="only the secretary or chair; the admin gets the form back with the step refusal"),
    ],
    "advisory.delete_proposal": [
        Check(lambda w: f"/adviesraden/rondes/proef-rangschikking/voorstellen/{w.proposal.id}/verwijderen",
              {**only(COUNCIL), COUNCIL: 403, ADMIN: 403}, method="POST", data=lambda w: {}),
    ],
    "advisory.ballot": [
        Check(lambda w: "/adviesraden/rondes/proef-rangschikking/stembiljet/proefraad", SEATLESS),
        Check(lambda w: "/adviesraden/rondes/proef-rangschikking/stembiljet/proefraad", SEATLESS,
              method="POST", data=lambda w: {f"rank-{w.proposal.id}": "1"}),
    ],
    "advisory.result": [
        Check(lambda w: "/adviesraden/rondes/proef-rangschikking/rangschikking", insiders()),
        Check(lambda w: "/adviesraden/rondes/proef-gepubliceerd/rangschikking", everyone()),
    ],
    "advisory.endorse": [
        Check(lambda w: "/adviesraden/rondes/proef-rangschikking/onderschrijven/proefraad", SEATLESS),
        Check(lambda w: "/adviesraden/rondes/proef-rangschikking/onderschrijven/proefraad", SEATLESS,
              method="POST", data=lambda w: {"decision": "endorse"}),
    ],
    "advisory.note": [
        Check(lambda w: "/adviesraden/rondes/proef-gepubliceerd/ambitienota", everyone()),
        Check(lambda w: "/adviesraden/rondes/proef-bundelen/ambitienota", insiders()),
        Check(lambda w: "/adviesraden/rondes/proef-rangschikking/ambitienota", insiders(404)),
    ],
    "advisory.note_pdf": [Check(lambda w: "/adviesraden/rondes/proef-gepubliceerd/ambitienota.pdf", everyone())],
    "advisory.admin_councils": [Check(lambda w: "/beheer/adviesraden", only(ADMIN))],
    "advisory.admin_council": [
        Check(lambda w: "/beheer/adviesraden/proefraad", only(ADMIN)),
        Check(lambda w: "/beheer/adviesraden/proefraad", only(ADMIN), method="POST", data=lambda w: {}),
    ],
    "advisory.admin_remove_member": [
        Check(lambda w: f"/beheer/adviesraden/proefraad/leden/{w.some_user.id}/verwijderen",
              only(ADMIN, code=404), method="POST", data=lambda w: {}),
    ],
    "advisory.admin_rounds": [
        Check(lambda w: "/beheer/adviesrondes", only(ADMIN)),
        Check(lambda w: "/beheer/adviesrondes", only(ADMIN), method="POST", data=lambda w: {}),
    ],
    "advisory.admin_round": [
        Check(lambda w: "/beheer/adviesrondes/proef-rangschikking", only(ADMIN)),
        Check(lambda w: "/beheer/adviesrondes/proef-rangschikking", only(ADMIN), method="POST",
              data=lambda w: {"point_count": "0"}),
    ],
    "advisory.admin_advance": [
        Check(lambda w: "/beheer/adviesrondes/proef-gepubliceerd/volgende-stap", only(ADMIN, code=302),
              method="POST", data=lambda w: {}),
    ],
    "advisory.admin_groups": [
        Check(lambda w: "/beheer/adviesrondes/proef-rangschikking/groepen", only(ADMIN)),
        Check(lambda w: "/beheer/adviesrondes/proef-rangschikking/groepen", only(ADMIN), method="POST",
              data=lambda w: {}),
    ],
    "advisory.admin_group": [
        Check(lambda w: f"/beheer/adviesrondes/proef-rangschikking/groepen/{w.group.id}", only(ADMIN)),
        Check(lambda w: f"/beheer/adviesrondes/proef-gepubliceerd/groepen/{w.group.id}", only(ADMIN, code=404)),
    ],
    "advisory.admin_bundle": [
        Check(lambda w: "/beheer/adviesrondes/proef-bundelen/bundelen", only(ADMIN)),
        Check(lambda w: "/beheer/adviesrondes/proef-bundelen/bundelen", only(ADMIN), method="POST",
              data=lambda w: {"action": "point"}),
    ],
    "advisory.admin_point": [
        Check(lambda w: f"/beheer/adviesrondes/proef-bundelen/punten/{w.point.id}", only(ADMIN)),
        Check(lambda w: f"/beheer/adviesrondes/proef-bundelen/punten/{w.point.id}", only(ADMIN, code=302),
              method="POST",
              data=lambda w: {"action": "sub", "sub-sub_title": ""}, note="adding a section redirects"),
    ],
    "advisory.point": [
        Check(lambda w: "/adviesraden/rondes/proef-gepubliceerd/punten/1", everyone()),
        Check(lambda w: "/adviesraden/rondes/proef-bundelen/punten/1", everyone(404),
              note="the city follows up a point once its note is published"),
    ],
    "advisory.follow_point": [
        Check(lambda w: "/adviesraden/rondes/proef-gepubliceerd/punten/1/volgen", signed_in(302), method="POST",
              data=lambda w: {}),
    ],
    "advisory.unfollow_point": [
        Check(lambda w: "/adviesraden/rondes/proef-gepubliceerd/punten/1/niet-meer-volgen", signed_in(302),
              method="POST", data=lambda w: {}),
    ],
    "advisory.followed_points": [Check(lambda w: "/account/gevolgde-punten", signed_in())],
    "advisory.manage_point": [
        Check(lambda w: "/moderatie/ambitiepunten/proef-gepubliceerd/1", only(MODERATOR)),
        Check(lambda w: "/moderatie/ambitiepunten/proef-gepubliceerd/1", only(MODERATOR, code=302), method="POST",
              data=lambda w: {"do": "answer", "answer-text": "Het antwoord van de stad."}),
        Check(lambda w: "/moderatie/ambitiepunten/proef-bundelen/1", only(MODERATOR, code=404)),
    ],
    "api.ambition_points": [Check(lambda w: "/api/v1/ambition-points", everyone())],
    "api.council_ranking": [
        Check(lambda w: f"/api/v1/councils/rounds/{w.published_round.id}/ranking", everyone()),
        Check(lambda w: f"/api/v1/councils/rounds/{w.ranking.id}/ranking", everyone(404),
              note="open data only once the round is published"),
    ],
}
