from participation.core.face import apply_face
from participation.core.models import City
from participation.demo.loader import DATA_DIR
from participation.extensions import db
from tests.security.table import ADMIN, Check, anonymous_only, everyone, only, signed_in


def build(world, make_user, make_process) -> None:
    city = City(name="Harelbeke", slug="harelbeke")
    apply_face(city, DATA_DIR / "harelbeke" / "face")
    db.session.add(city)
    db.session.commit()
    world.public_process = make_process("public", slug="publiek")
    world.staff_process = make_process("staff", slug="personeel")
    world.council_process = make_process("councils", slug="raden")
    world.some_user = make_user(email="iemand@example.org")


ROUTES = {
    "main.home": [Check(lambda w: "/", everyone())],
    "main.language": [Check(lambda w: "/taal/fr?next=/", everyone(302))],
    "main.accessibility": [Check(lambda w: "/toegankelijkheid", everyone())],
    "main.privacy": [Check(lambda w: "/privacy", everyone())],
    "static": [Check(lambda w: "/static/css/site.css", everyone())],
    "main.face_css": [Check(lambda w: "/stad/huisstijl.css", everyone())],
    "main.logo": [Check(lambda w: "/stad/logo.svg", everyone())],
    "main.favicon": [Check(lambda w: "/stad/favicon.svg", everyone())],
    "main.favicon_ico": [Check(lambda w: "/favicon.ico", everyone(301))],
    "main.share_image": [Check(lambda w: "/stad/deelbeeld.png", everyone())],
    "accounts.register": [
        Check(lambda w: "/account/registreren", anonymous_only()),
        Check(lambda w: "/account/registreren", anonymous_only(200), method="POST", data=lambda w: {}),
    ],
    "accounts.confirm": [Check(lambda w: "/account/bevestigen/ongeldig", everyone(302))],
    "accounts.resend_confirmation": [
        Check(lambda w: "/account/bevestiging-opnieuw", everyone()),
        Check(lambda w: "/account/bevestiging-opnieuw", everyone(302), method="POST",
              data=lambda w: {"email": "niemand@example.org"}),
    ],
    "accounts.login": [
        Check(lambda w: "/account/aanmelden", anonymous_only()),
        Check(lambda w: "/account/aanmelden", anonymous_only(200), method="POST", data=lambda w: {}),
    ],
    "accounts.logout": [Check(lambda w: "/account/afmelden", signed_in(302), method="POST", data=lambda w: {})],
    "accounts.forgot_password": [
        Check(lambda w: "/account/wachtwoord-vergeten", everyone()),
        Check(lambda w: "/account/wachtwoord-vergeten", everyone(302), method="POST",
              data=lambda w: {"email": "niemand@example.org"}),
    ],
    "accounts.reset_password": [
        Check(lambda w: "/account/nieuw-wachtwoord/ongeldig", everyone()),
        Check(lambda w: "/account/nieuw-wachtwoord/ongeldig", everyone(302), method="POST",
              data=lambda w: {"password": "Nieuw-wachtwoord-1", "password_confirm": "Nieuw-wachtwoord-1"}),
    ],
    "accounts.profile": [Check(lambda w: "/account", signed_in())],
    "accounts.change_password": [
        Check(lambda w: "/account/wachtwoord-wijzigen", signed_in()),
        Check(lambda w: "/account/wachtwoord-wijzigen", signed_in(200), method="POST",
              data=lambda w: {"current_password": "niet-juist-1", "password": "Nieuw-wachtwoord-1",
                              "password_confirm": "Nieuw-wachtwoord-1"}),
    ],
    "accounts.users": [Check(lambda w: "/beheer/gebruikers", only(ADMIN))],
    "accounts.user_roles": [
        Check(lambda w: f"/beheer/gebruikers/{w.some_user.id}", only(ADMIN)),
        Check(lambda w: f"/beheer/gebruikers/{w.some_user.id}", only(ADMIN, code=302), method="POST",
              data=lambda w: {"roles": ["resident"]}),
    ],
    "processes.index": [Check(lambda w: "/trajecten", everyone())],
    "processes.show": [
        Check(lambda w: "/trajecten/publiek", everyone()),
        Check(lambda w: "/trajecten/personeel", {
            "anonymous": 404, "resident": 404, "employee": 200, "council_member": 404,
            "moderator": 200, "administrator": 200,
        }),
        Check(lambda w: "/trajecten/raden", {
            "anonymous": 404, "resident": 404, "employee": 404, "council_member": 200,
            "moderator": 200, "administrator": 200,
        }),
    ],
}

# Routes that only a development app serves (DEVELOPMENT_MAILBOX); tests/security/test_route_table.py
# walks them on the app as `make run` starts it, and checks that testing and production lack them.
DEVELOPMENT_ROUTES = {
    "mail.outbox": [Check(lambda w: "/ontwikkeling/mails", everyone())],
}

# Endpoints whose POST is limited per visitor, with the setting that holds the limit.
RATE_LIMITED = {
    "accounts.register": "LOGIN_RATE_LIMIT",
    "accounts.login": "LOGIN_RATE_LIMIT",
    "accounts.resend_confirmation": "LOGIN_RATE_LIMIT",
    "accounts.forgot_password": "LOGIN_RATE_LIMIT",
    "accounts.change_password": "LOGIN_RATE_LIMIT",
}
