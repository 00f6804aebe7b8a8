from tests.security.table import Check, everyone

ROUTES = {
    "search.results": [
        Check(lambda w: "/zoeken", everyone()),
        Check(lambda w: "/zoeken?q=idee", everyone()),
        Check(lambda w: "/zoeken?q=idee&soort=idea&page=2", everyone()),
        Check(lambda w: "/zoeken?q=idee&soort=onbekend", everyone()),
    ],
}
