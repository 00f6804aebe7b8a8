from participation.demo.loader import city_folder
from participation.extensions import db
from participation.indicators.models import Indicator
from participation.indicators.services import import_indicators
from tests.security.table import ADMIN, Check, everyone, only


def build(world, make_user, make_process) -> None:
    import_indicators((city_folder("harelbeke") / "indicators.csv").read_bytes(), dry_run=False)
    db.session.commit()
    world.indicator_id = db.session.scalar(db.select(Indicator.id).where(Indicator.code == "grijze-druk"))


ROUTES = {
    "indicators.manage": [
        Check(lambda w: "/beheer/indicatoren", only(ADMIN)),
        Check(lambda w: "/beheer/indicatoren", only(ADMIN), method="POST", data=lambda w: {}),
    ],
    "indicators.edit": [
        Check(lambda w: f"/beheer/indicatoren/{w.indicator_id}", only(ADMIN)),
        Check(lambda w: f"/beheer/indicatoren/{w.indicator_id}", only(ADMIN, code=302), method="POST",
              data=lambda w: {}, note="an empty form keeps what is stored"),
        Check(lambda w: "/beheer/indicatoren/999999", only(ADMIN, code=404)),
    ],
    "indicators.delete": [
        Check(lambda w: f"/beheer/indicatoren/{w.indicator_id}/verwijderen", only(ADMIN, code=302), method="POST",
              data=lambda w: {}),
    ],
    "api.indicators": [
        Check(lambda w: "/api/v1/indicators", everyone()),
        Check(lambda w: "/api/v1/indicators?sdg=3", everyone()),
        Check(lambda w: "/api/v1/indicators?sdg=x", everyone(400)),
    ],
}
