import json

from participation.accounts import personal_data
from participation.accounts.models import User, UserRole
from participation.extensions import db
from participation.ideas.models import Follow, Idea
from tests.conftest import PASSWORD, idea


def test_my_data_downloads_profile_ideas_and_follows(resident_client, make_process):
    me = resident_client.user
    process = make_process()
    mine = idea(process, "Een speeltuin in Hulste", author=me)
    other = idea(process, "Iemand anders zijn idee")
    db.session.add(Follow(user_id=me.id, idea_id=other.id))
    db.session.commit()

    response = resident_client.get("/account/mijn-gegevens")

    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["profile"]["email"] == me.email
    assert [i["title"] for i in data["ideas"]] == [mine.title]
    assert [f["idea_id"] for f in data["follows"]] == [other.id]


def test_features_add_their_own_section(resident_client):
    personal_data.register_collector("council_ballots", lambda user: [{"round": 1}])
    try:
        data = resident_client.get("/account/mijn-gegevens").get_json()
    finally:
        personal_data._COLLECTORS.pop("council_ballots")
    assert data["council_ballots"] == [{"round": 1}]


def test_profile_links_to_my_data_and_deletion(resident_client):
    page = resident_client.get("/account").get_data(as_text=True)
    assert "/account/mijn-gegevens" in page
    assert "/account/verwijderen" in page
    assert "Mijn gegevens downloaden (JSON)" in page


def test_wrong_password_deletes_nothing(resident_client):
    page = resident_client.post("/account/verwijderen", data={"password": "fout"}).get_data(as_text=True)
    assert "Dit wachtwoord klopt niet." in page
    assert db.session.get(User, resident_client.user.id).deleted_at is None


def test_deleting_my_account_keeps_my_ideas_anonymous(resident_client, make_process, app):
    me = resident_client.user
    email = me.email
    process = make_process()
    mine = idea(process, "Een speeltuin in Hulste", author=me)
    db.session.add(Follow(user_id=me.id, idea_id=mine.id))
    db.session.commit()
    erased = []

    def remember(user):
        erased.append(user.id)

    personal_data.register_eraser(remember)
    try:
        response = resident_client.post("/account/verwijderen", data={"password": PASSWORD})
    finally:
        personal_data._ERASERS.remove(remember)

    assert response.status_code == 302
    assert erased == [me.id]
    kept = db.session.get(Idea, mine.id)
    assert kept.author_id is None
    assert personal_data.author_name(kept) == "anonieme inwoner"
    assert db.session.scalar(db.select(Follow).where(Follow.idea_id == mine.id)) is None
    assert db.session.scalar(db.select(UserRole).where(UserRole.user_id == me.id)) is None
    shell = db.session.get(User, me.id)
    assert shell.deleted_at is not None and shell.email != email and shell.display_name == ""
    assert not shell.is_active
    # the session is gone and the old address no longer logs in
    assert resident_client.get("/account").status_code == 302
    login = resident_client.post("/account/aanmelden", data={"email": email, "password": PASSWORD})
    assert "horen niet bij elkaar" in login.get_data(as_text=True)


def test_an_eraser_that_fails_leaves_the_account_whole(resident_client, make_process):
    me = resident_client.user
    mine = idea(make_process(), "Een speeltuin in Hulste", author=me)

    def broken(user):
        raise RuntimeError("votes could not be unlinked")

    personal_data.register_eraser(broken)
    try:
        response = resident_client.post("/account/verwijderen", data={"password": PASSWORD})
    finally:
        personal_data._ERASERS.remove(broken)
    assert response.status_code == 500
    assert db.session.get(Idea, mine.id).author_id == me.id
    assert db.session.get(User, me.id).deleted_at is None


def test_an_anonymous_author_reads_as_anonieme_inwoner(client, make_process):
    from flask_babel import force_locale

    shown = idea(make_process(), "Zonder naam")
    with force_locale("nl"):
        assert personal_data.author_name(shown) == "anonieme inwoner"
