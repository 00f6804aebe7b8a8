from participation.extensions import db
from participation.ideas.models import Idea
from participation.plan.importer import import_plan
from participation.plan.models import PlanAction
from tests.plan.helpers import EXAMPLE_CSV
from tests.security.table import ADMIN, MODERATOR, Check, everyone, only

CODE = "D10/AP01/04"


def build(world, make_user, make_process) -> None:
    import_plan(EXAMPLE_CSV.read_bytes(), dry_run=False)
    process = make_process("public", slug="plan-ideeen")
    world.plan_idea = Idea(process=process, title="Een idee", body="<p>x</p>", theme="people", status="selected")
    db.session.add(world.plan_idea)
    db.session.commit()
    world.plan_action_id = db.session.scalar(db.select(PlanAction.id).where(PlanAction.code == CODE))


ROUTES = {
    "plan.index": [Check(lambda w: "/plan", everyone())],
    "plan.sdg": [
        Check(lambda w: "/plan/sdg/3", everyone()),
        Check(lambda w: "/plan/sdg/0", everyone(404)),
    ],
    "plan.action": [
        Check(lambda w: f"/plan/acties/{CODE}", everyone()),
        Check(lambda w: "/plan/acties/D99/AP99/99", everyone(404)),
    ],
    "plan.import_file": [
        Check(lambda w: "/beheer/plan", only(ADMIN)),
        Check(lambda w: "/beheer/plan", only(ADMIN), method="POST", data=lambda w: {}),
    ],
    "plan.manage_action": [
        Check(lambda w: f"/beheer/plan/acties/{CODE}", only(ADMIN)),
        Check(lambda w: f"/beheer/plan/acties/{CODE}", only(ADMIN), method="POST", data=lambda w: {}),
        Check(lambda w: "/beheer/plan/acties/D99/AP99/99", only(ADMIN, code=404)),
    ],
    "plan.link_idea": [
        Check(lambda w: f"/ideeen/{w.plan_idea.id}/actie", only(MODERATOR)),
        Check(lambda w: f"/ideeen/{w.plan_idea.id}/actie", only(MODERATOR, code=302), method="POST",
              data=lambda w: {"action_id": w.plan_action_id}),
        Check(lambda w: "/ideeen/999999/actie", only(MODERATOR, code=404)),
    ],
    "plan.new_action": [
        Check(lambda w: f"/ideeen/{w.plan_idea.id}/actie/nieuw", only(MODERATOR, code=422), method="POST",
              data=lambda w: {}),
    ],
    "plan.unlink_idea": [
        Check(lambda w: f"/ideeen/{w.plan_idea.id}/actie/{w.plan_action_id}/ontkoppelen", only(MODERATOR, code=302),
              method="POST", data=lambda w: {}),
    ],
    "api.plan_summary": [Check(lambda w: "/api/v1/plan", everyone())],
    "api.plan_actions": [
        Check(lambda w: "/api/v1/plan/actions?sdg=10", everyone()),
        Check(lambda w: "/api/v1/plan/actions?sdg=99", everyone(400)),
    ],
    "api.plan_action": [
        Check(lambda w: f"/api/v1/plan/actions/{CODE}", everyone()),
        Check(lambda w: "/api/v1/plan/actions/D99/AP99/99", everyone(404)),
    ],
}
