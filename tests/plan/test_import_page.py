"""The administrator's import screen: check first, then import the checked file without choosing it again."""

import io
import re

from sqlalchemy import func, select

from participation.extensions import db
from participation.plan.models import PlanAction
from tests.plan.helpers import EXAMPLE_CSV, example_text


def upload(client, content: bytes, **buttons):
    data = {"file": (io.BytesIO(content), "plan.csv"), **buttons}
    return client.post("/beheer/plan", data=data, content_type="multipart/form-data")


def actions() -> int:
    return db.session.scalar(select(func.count()).select_from(PlanAction))


def test_dry_run_then_import_the_checked_file(client_as):
    admin = client_as("administrator")
    response = upload(admin, EXAMPLE_CSV.read_bytes(), dry_run="1")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Controle: dit zou de import veranderen" in page
    assert actions() == 0
    token = re.search(r'name="checked" value="([^"]+)"', page)[1]
    response = admin.post("/beheer/plan", data={"checked": token, "save": "1"})
    page = response.get_data(as_text=True)
    assert "Het plan is geïmporteerd" in page and actions() == 122
    again = admin.post("/beheer/plan", data={"checked": token, "save": "1"})
    assert "niet langer bewaard" in again.get_data(as_text=True)


def test_a_second_import_of_the_same_file_shows_nothing_new(client_as):
    admin = client_as("administrator")
    upload(admin, EXAMPLE_CSV.read_bytes(), save="1")
    page = upload(admin, EXAMPLE_CSV.read_bytes(), dry_run="1").get_data(as_text=True)
    assert "niets nieuws" in page and 'name="checked"' not in page


def test_errors_are_listed_with_row_and_column_and_nothing_is_saved(client_as):
    admin = client_as("administrator")
    text = example_text().replace(";5.333 €;3.433 €;;;2;", ";5,333.00 €;3.433 €;;;2;").replace("\n10;", "\nSDG 18;", 1)
    page = upload(admin, text.encode(), save="1").get_data(as_text=True)
    assert "Het bestand is niet geïmporteerd" in page
    assert re.search(r"<td class=\"num\">3</td><td>Uitgaven totaal</td>", page)
    assert re.search(r"<td class=\"num\">\d+</td><td>SDG</td>", page)
    assert actions() == 0


def test_no_file_chosen(client_as):
    page = client_as("administrator").post("/beheer/plan", data={"save": "1"}).get_data(as_text=True)
    assert "Kies het bestand dat je wilt importeren." in page


def test_too_many_errors_are_counted_after_the_first_ones(client_as, app):
    app.config["PLAN_IMPORT_MAX_ERRORS"] = 5
    admin = client_as("administrator")
    lines = example_text().splitlines()
    text = "\n".join([lines[0]] + ["99" + line[line.index(";"):] for line in lines[1:]])
    page = upload(admin, text.encode(), dry_run="1").get_data(as_text=True)
    assert page.count('<td>SDG</td>') == 5
    assert f"er zijn nog {len(lines) - 1 - 5} fouten" in page


def test_a_utf16_file_is_read(client_as):
    admin = client_as("administrator")
    page = upload(admin, example_text().encode("utf-16"), dry_run="1").get_data(as_text=True)
    assert "Controle: dit zou de import veranderen" in page
    assert "ontbreekt" not in page
