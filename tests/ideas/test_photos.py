"""Photos on ideas: up to three per idea, checked by what they are, made safe (resized, no EXIF or GPS),
described for who cannot see them, shown on the cards and the idea page, shared as og:image, and gone
with the idea or when their author leaves."""

import io

import pytest
from PIL import Image

from participation.accounts.personal_data import delete_account
from participation.extensions import db
from participation.ideas import images
from participation.ideas.models import Idea, IdeaImage
from tests.pictures import GPS_IFD, bomb, broken_jpeg, photo, upload

FORM = {"title": "Een bank aan de Leie", "body": "Een zitbank met zicht op het water.", "theme": "people",
        "district_id": ""}


def stored_files(app) -> list[str]:
    from participation.images.storage import FolderStorage

    return FolderStorage(app.config["UPLOAD_FOLDER"]).keys()


@pytest.fixture(autouse=True)
def empty_uploads(app):
    from participation.images.storage import FolderStorage

    store = FolderStorage(app.config["UPLOAD_FOLDER"])
    for key in store.keys():
        store.delete(key)
    yield


def submit(client, slug: str, **photos):
    return client.post(f"/trajecten/{slug}/ideeen/nieuw", data={**FORM, **photos},
                       content_type="multipart/form-data")


def test_a_resident_adds_a_photo_and_it_is_kept_without_exif_and_gps(app, make_process, client_as):
    make_process(slug="hallo")
    client = client_as("resident")
    original = photo(3000, 2000)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the phone's position is in it
    response = submit(client, "hallo", photo_1=upload(original), photo_1_alt="Een lege plek aan de Leie")
    assert response.status_code == 302
    idea = db.session.scalar(db.select(Idea))
    [image] = idea.images
    assert image.alt_text == "Een lege plek aan de Leie"
    assert (image.width, image.height) == (1600, 1067) and (image.small_width, image.small_height) == (480, 320)
    for size in ("large", "small"):
        served = client.get(f"/ideeen/{idea.id}/fotos/{image.id}-{size}.jpg")
        assert served.status_code == 200 and served.mimetype == "image/jpeg"
        assert served.headers["X-Content-Type-Options"] == "nosniff"
        kept = Image.open(io.BytesIO(served.data))
        assert kept.format == "JPEG"
        assert not kept.getexif() and b"Exif" not in served.data and b"Telefoonmerk" not in served.data
    assert len(stored_files(app)) == 2


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_read_by_their_content_whatever_their_name(make_process, client_as, fmt):
    make_process(slug="hallo")
    response = submit(client_as("resident"), "hallo", photo_1=upload(photo(fmt=fmt), "foto.gif"),
                      photo_1_alt="Het plein")
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(IdeaImage)) == 1


@pytest.mark.parametrize("data, name, message", [
    (b"Dit is geen foto, maar tekst.", "foto.jpg", "Dit bestand is geen foto die we kunnen lezen"),
    (broken_jpeg(), "foto.jpg", "Dit bestand is geen foto die we kunnen lezen"),
    (bomb(), "klein.png", "Deze foto heeft te veel pixels"),
    (b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024), "groot.jpg", "Deze foto is groter dan 5 MB"),
])
def test_a_file_that_is_no_usable_photo_is_refused_in_dutch_and_the_words_stay(app, make_process, client_as,
                                                                               data, name, message):
    make_process(slug="hallo")
    response = submit(client_as("resident"), "hallo", photo_1=upload(data, name), photo_1_alt="Iets")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in body
    assert "Een bank aan de Leie" in body and "Een zitbank met zicht op het water." in body
    assert "Kies je foto&#39;s opnieuw" in body or "Kies je foto's opnieuw" in body
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 0
    assert stored_files(app) == []


def test_a_photo_without_a_description_is_refused(app, make_process, client_as):
    make_process(slug="hallo")
    response = submit(client_as("resident"), "hallo", photo_1=upload(photo()), photo_1_alt="  ")
    assert "Zeg in een paar woorden wat de foto toont" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 0
    assert stored_files(app) == []


def test_an_idea_has_at_most_three_photos(make_process, client_as):
    make_process(slug="hallo")
    client = client_as("resident")
    photos = {f"photo_{n}": upload(photo()) for n in (1, 2, 3)} | {f"photo_{n}_alt": f"Foto {n}" for n in (1, 2, 3)}
    assert submit(client, "hallo", **photos).status_code == 302
    idea = db.session.scalar(db.select(Idea))
    assert [image.alt_text for image in idea.images] == ["Foto 1", "Foto 2", "Foto 3"]
    edit = client.get(f"/ideeen/{idea.id}/bewerken").get_data(as_text=True)
    assert 'name="photo_1"' not in edit and "Verwijder deze foto" in edit
    with pytest.raises(images.ImageError):
        images.check_uploads([images.Upload(photo(), "Vierde")], already=3)


def test_the_author_removes_a_photo_while_editing_and_its_files_go(app, make_process, client_as):
    make_process(slug="hallo")
    client = client_as("resident")
    submit(client, "hallo", photo_1=upload(photo()), photo_1_alt="Weg ermee")
    idea = db.session.scalar(db.select(Idea))
    image_id = idea.images[0].id
    response = client.post(f"/ideeen/{idea.id}/bewerken", data={**FORM, "remove_photo": str(image_id)},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    assert db.session.get(IdeaImage, image_id) is None
    assert stored_files(app) == []


def test_photos_show_on_the_card_lazily_on_the_page_and_as_share_image(make_process, client_as, make_user):
    process = make_process(slug="hallo")
    client = client_as("resident")
    submit(client, "hallo", photo_1=upload(photo()), photo_1_alt="De oever van de Leie")
    idea = db.session.scalar(db.select(Idea))
    from participation.ideas import services

    services.set_status(idea, "published", make_user("moderator"), "Gepubliceerd.", notify=False)
    db.session.commit()
    image = idea.images[0]
    card = client_as(None).get(f"/trajecten/{process.slug}").get_data(as_text=True)
    assert f'src="/ideeen/{idea.id}/fotos/{image.id}-small.jpg"' in card
    assert 'alt="De oever van de Leie"' in card and 'loading="lazy"' in card
    page = client_as(None).get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert f'/ideeen/{idea.id}/fotos/{image.id}-large.jpg' in page
    assert (f'<meta property="og:image" content="http://localhost/ideeen/{idea.id}/fotos/{image.id}-large.jpg">'
            in page)
    assert '<meta property="og:image:alt" content="De oever van de Leie">' in page


def test_a_photo_of_an_idea_no_one_may_see_is_not_served(make_process, client_as):
    make_process(slug="hallo")
    author = client_as("resident")
    submit(author, "hallo", photo_1=upload(photo()), photo_1_alt="Nog niet gepubliceerd")
    idea = db.session.scalar(db.select(Idea))
    url = f"/ideeen/{idea.id}/fotos/{idea.images[0].id}-large.jpg"
    assert author.get(url).status_code == 200
    assert client_as(None).get(url).status_code == 404
    assert client_as("resident").get(url).status_code == 404
    assert author.get(f"/ideeen/{idea.id}/fotos/999-large.jpg").status_code == 404


def test_photos_go_with_the_idea(app, make_process, client_as):
    make_process(slug="hallo")
    submit(client_as("resident"), "hallo", photo_1=upload(photo()), photo_1_alt="Foto")
    idea = db.session.scalar(db.select(Idea))
    db.session.delete(idea)
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(IdeaImage)) == 0
    assert stored_files(app) == []


def test_photos_go_when_their_author_deletes_the_account_and_are_in_the_download(app, make_process, client_as):
    make_process(slug="hallo")
    client = client_as("resident")
    submit(client, "hallo", photo_1=upload(photo()), photo_1_alt="Mijn voortuin")
    from participation.accounts.personal_data import collect_personal_data

    data = collect_personal_data(client.user)
    assert data["idea_photos"][0]["description"] == "Mijn voortuin"
    delete_account(client.user)
    db.session.commit()
    idea = db.session.scalar(db.select(Idea))
    assert idea is not None and idea.images == []
    assert stored_files(app) == []


def test_stray_files_are_pruned(app, make_process, client_as):
    from participation.images.storage import FolderStorage

    FolderStorage(app.config["UPLOAD_FOLDER"]).save("a" * 32 + "-large", b"oud")
    make_process(slug="hallo")
    submit(client_as("resident"), "hallo", photo_1=upload(photo()), photo_1_alt="Blijft")
    assert images.prune_files() == 1
    assert len(stored_files(app)) == 2


def test_the_desk_enters_a_photo_for_a_resident(make_process, client_as):
    make_process(slug="hallo")
    data = {**FORM, "resident_name": "Mevrouw Peeters", "consent": "y", "photo_1": upload(photo()),
            "photo_1_alt": "Foto die mevrouw meebracht"}
    response = client_as("employee").post("/trajecten/hallo/ideeen/loket", data=data,
                                          content_type="multipart/form-data")
    assert response.status_code == 302
    assert db.session.scalar(db.select(IdeaImage.alt_text)) == "Foto die mevrouw meebracht"


def test_cards_with_photos_cost_no_query_per_idea(make_process, make_idea, client, count_queries):
    plain, pictured = make_process(slug="zonder"), make_process(slug="met")
    for number in range(3):
        make_idea(plain, title=f"Idee {number}")
    small = [images.Upload(photo(40, 30), "Een foto")]
    for number in range(20):
        idea = make_idea(pictured, title=f"Idee met foto {number}")
        images.attach_images(idea, images.check_uploads(small), None)
    db.session.commit()
    with count_queries() as few:
        client.get("/trajecten/zonder")
    with count_queries() as many:
        body = client.get("/trajecten/met").get_data(as_text=True)
    assert body.count('class="idea-thumb"') == 20
    assert many.count == few.count, many.statements


def test_a_moderator_removes_a_photo_and_the_idea_stays(app, make_process, client_as):
    make_process(slug="hallo")
    submit(client_as("resident"), "hallo", photo_1=upload(photo()), photo_1_alt="De buren in hun tuin")
    idea = db.session.scalar(db.select(Idea))
    moderator = client_as("moderator")
    screen = moderator.get(f"/moderatie/ideeen/{idea.id}").get_data(as_text=True)
    assert "Verwijder deze foto" in screen
    response = moderator.post(f"/moderatie/ideeen/{idea.id}/fotos/{idea.images[0].id}/verwijderen",
                              follow_redirects=True)
    assert "De foto is verwijderd." in response.get_data(as_text=True)
    assert db.session.get(Idea, idea.id) is not None and idea.images == []
    assert stored_files(app) == []
