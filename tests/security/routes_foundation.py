from tests.security.table import ADMIN, Check, anonymous_only, everyone, only, signed_in


def build(world, make_user, make_process) -> None:
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

# Endpoints whose POST is limited per visitor, with the setting that holds the limit.
RATE_LIMITED = {
    "accounts.register": "LOGIN_RATE_LIMIT",
    "accounts.login": "LOGIN_RATE_LIMIT",
    "accounts.resend_confirmation": "LOGIN_RATE_LIMIT",
    "accounts.forgot_password": "LOGIN_RATE_LIMIT",
    "accounts.change_password": "LOGIN_RATE_LIMIT",
}
