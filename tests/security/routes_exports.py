from tests.conftest import idea
from tests.security.table import ADMIN, Check, everyone, only, signed_in


def build(world, make_user, make_process) -> None:
    world.open_process = make_process("public", slug="open-data")
    world.open_idea = idea(world.open_process, "Een publiek idee", votes=3)


ROUTES = {
    "exports.index": [Check(lambda w: "/beheer/exports", only(ADMIN))],
    "exports.download": [
        Check(lambda w: "/beheer/exports/ideas.csv", only(ADMIN)),
        Check(lambda w: "/beheer/exports/users.xlsx", only(ADMIN)),
        Check(lambda w: "/beheer/exports/vote_totals.json?traject=open-data", only(ADMIN)),
        Check(lambda w: "/beheer/exports/onbekend.csv", only(ADMIN, code=404)),
    ],
    "exports.process_report": [Check(lambda w: "/beheer/trajecten/open-data/rapport.pdf", only(ADMIN))],
    "accounts.my_data": [Check(lambda w: "/account/mijn-gegevens", signed_in())],
    "accounts.delete_account": [
        Check(lambda w: "/account/verwijderen", signed_in()),
        Check(lambda w: "/account/verwijderen", signed_in(200), method="POST", data=lambda w: {"password": "fout"}),
    ],
    "api.openapi": [Check(lambda w: "/api/v1/openapi.json", everyone())],
    "api.processes": [Check(lambda w: "/api/v1/processes", everyone())],
    "api.process": [
        Check(lambda w: "/api/v1/processes/open-data", everyone()),
        Check(lambda w: "/api/v1/processes/personeel", everyone(404)),
        Check(lambda w: "/api/v1/processes/raden", everyone(404)),
    ],
    "api.process_ideas": [
        Check(lambda w: "/api/v1/processes/open-data/ideas", everyone()),
        Check(lambda w: "/api/v1/processes/personeel/ideas", everyone(404)),
    ],
    "api.process_ideas_geojson": [
        Check(lambda w: "/api/v1/processes/open-data/ideas.geojson", everyone()),
        Check(lambda w: "/api/v1/processes/personeel/ideas.geojson", everyone(404)),
        Check(lambda w: "/api/v1/processes/raden/ideas.geojson", everyone(404)),
    ],
    "api.idea": [Check(lambda w: f"/api/v1/ideas/{w.open_idea.id}", everyone())],
    "api.places": [Check(lambda w: "/api/v1/places", everyone())],
}
