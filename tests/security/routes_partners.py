from participation.demo.loader import city_folder
from participation.extensions import db
from participation.partners.cityfile import read_partners
from participation.partners.services import save_partners
from tests.security.table import Check, everyone


def build(world, make_user, make_process) -> None:
    save_partners(read_partners((city_folder("harelbeke") / "partners.json").read_bytes()))
    db.session.commit()


ROUTES = {
    "partners.index": [Check(lambda w: "/partners", everyone())],
    "partners.show": [
        Check(lambda w: "/partners/w13", everyone()),
        Check(lambda w: "/partners/geen-partner", everyone(404)),
    ],
    "api.partners": [Check(lambda w: "/api/v1/partners", everyone())],
    "api.partner": [
        Check(lambda w: "/api/v1/partners/w13", everyone()),
        Check(lambda w: "/api/v1/partners/geen-partner", everyone(404)),
    ],
}
