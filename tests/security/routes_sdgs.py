from participation.extensions import db
from participation.ideas.models import Idea
from tests.security.table import ADMIN, MODERATOR, Check, everyone, only


def build(world, make_user, make_process) -> None:
    process = getattr(world, "public_process", None) or make_process("public")
    world.sdg_idea = Idea(process_id=process.id, title="Meer bomen in de Stasegemsesteenweg",
                          body="<p>Groen in de straat.</p>", theme="planet", status="published")
    db.session.add(world.sdg_idea)
    db.session.commit()


ROUTES = {
    "sdgs.index": [Check(lambda w: "/sdgs", everyone())],
    "sdgs.goal": [
        Check(lambda w: "/sdgs/11", everyone()),
        Check(lambda w: "/sdgs/18", everyone(404)),
    ],
    "sdgs.statement": [
        Check(lambda w: "/sdgs/10/zin", only(ADMIN)),
        Check(lambda w: "/sdgs/10/zin", only(ADMIN, code=302), method="POST",
              data=lambda w: {"sentence": "Iedereen telt mee in de stad"}),
    ],
    "sdgs.link_page": [
        Check(lambda w: "/sdgs/koppelen?q=bomen", only(MODERATOR)),
        Check(lambda w: f"/sdgs/koppelen?idea={w.sdg_idea.id}", only(MODERATOR)),
        Check(lambda w: "/sdgs/koppelen?idea=999999", only(MODERATOR, code=404)),
    ],
    "sdgs.link": [
        Check(lambda w: f"/sdgs/ideeen/{w.sdg_idea.id}/koppelen", only(MODERATOR, code=302), method="POST",
              data=lambda w: {"code": "11.7"}),
        Check(lambda w: f"/sdgs/ideeen/{w.sdg_idea.id}/koppelen", only(MODERATOR, code=400), method="POST",
              data=lambda w: {"code": "99.9"}),
    ],
    "sdgs.unlink": [
        Check(lambda w: f"/sdgs/ideeen/{w.sdg_idea.id}/ontkoppelen/11.7", only(MODERATOR, code=302),
              method="POST", data=lambda w: {}),
    ],
    "sdgs.refuse": [
        Check(lambda w: f"/sdgs/ideeen/{w.sdg_idea.id}/suggesties/weigeren", only(MODERATOR, code=302),
              method="POST", data=lambda w: {"goal": "15", "code": "15.7"}),
        Check(lambda w: f"/sdgs/ideeen/{w.sdg_idea.id}/suggesties/weigeren", only(MODERATOR, code=400),
              method="POST", data=lambda w: {"goal": "18"}),
    ],
    "sdgs.api_goals": [Check(lambda w: "/api/v1/sdgs", everyone())],
}
