"""What a user writes in the accounts feature: the display name, given at registration."""

from participation.accounts.models import User
from participation.database import utcnow
from participation.extensions import db
from tests.security.xss import WritePath

PASSWORD = "Marktplein-2026"


def display_name_at_registration(ctx, value: str, n: int) -> list:
    email = f"xss{n}@example.org"
    visitor = ctx.client_as(None)
    form = {"display_name": value, "email": email, "password": PASSWORD, "password_confirm": PASSWORD, "accept": "y"}
    refused = visitor.post("/account/registreren", data={**form, "password_confirm": "iets-anders-1"})
    registered = visitor.post("/account/registreren", data=form)
    assert "Kijk in je mailbox" in registered.get_data(as_text=True), "registration did not go through"
    user = db.session.scalar(db.select(User).where(User.email == email))
    user.email_confirmed_at = utcnow()
    db.session.commit()
    ctx.login(visitor, user)
    admin = ctx.client_as("administrator")
    return [
        refused,
        visitor.get("/account"),
        admin.get(f"/beheer/gebruikers?q={email}"),
        admin.get(f"/beheer/gebruikers/{user.id}"),
    ]


WRITE_PATHS = [WritePath("display name at registration", display_name_at_registration, max_length=80)]
