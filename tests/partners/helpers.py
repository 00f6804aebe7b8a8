"""Shared helpers for the partners' tests: the city's file, and the plan it names partners in."""

from participation.demo.loader import city_folder
from participation.extensions import db
from participation.partners.cityfile import read_partners
from participation.partners.services import save_partners
from tests.plan.helpers import import_example

PARTNERS_FILE = city_folder("harelbeke") / "partners.json"


def load_city_partners():
    report = save_partners(read_partners(PARTNERS_FILE.read_bytes()))
    db.session.commit()
    return report


def plan_and_partners():
    import_example()
    return load_city_partners()
