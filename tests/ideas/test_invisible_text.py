"""Text with nothing visible (zero-width spaces, joiners, blanks, controls) counts as empty: every form
refuses it with the field's own message, and the idea services refuse it too."""

import inspect

import pytest
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired

from participation.accounts.models import User
from participation.extensions import db
from participation.ideas import services
from participation.ideas.models import Idea
from participation.text import RequiredText, has_visible_text

INVISIBLE = [
    "\u200b\u200b\u200b",          # zero-width spaces
    "\u200c\u200d\u2060\ufeff",    # joiners, word joiner, byte order mark
    " \u3164 \u2800 \u115f",       # a Hangul filler, a blank braille cell
    "\u00ad\u034f\ufe0f",          # soft hyphen, a combining grapheme joiner, a variation selector alone
    "\u202e\u2066\u2069 \t",       # direction marks and whitespace
]


@pytest.mark.parametrize("value", INVISIBLE)
def test_text_with_nothing_visible_is_recognised(value):
    assert not has_visible_text(value)


@pytest.mark.parametrize("value", ["a", "é", "ß", "😀", "٣", "\u200bBank\u200b", "–", "漢"])
def test_text_with_something_visible_is_kept(value):
    assert has_visible_text(value)


@pytest.mark.parametrize("value", INVISIBLE)
def test_an_idea_with_an_invisible_title_or_text_is_refused(make_process, client_as, value):
    process = make_process("public")
    resident = client_as("resident")
    url = f"/trajecten/{process.slug}/ideeen/nieuw"
    page = resident.post(url, data={"title": value, "body": "Een bank in de schaduw.", "theme": "people"})
    assert "Geef je idee een titel." in page.get_data(as_text=True)
    page = resident.post(url, data={"title": "Een bank", "body": value, "theme": "people"})
    assert "Beschrijf je idee in een paar zinnen." in page.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 0
    with pytest.raises(services.IdeaError):
        services.clean_text(services.IdeaText(title=value, body="Tekst", theme="people"))


def test_a_display_name_of_zero_width_spaces_is_refused(client):
    response = client.post("/account/registreren", data={
        "display_name": "\u200b\u200b", "email": "nul@example.org", "password": "Kortrijkstraat-12",
        "password_confirm": "Kortrijkstraat-12", "accept": "y",
    })
    assert response.status_code == 200
    assert db.session.scalar(db.select(User).where(User.email == "nul@example.org")) is None


def test_a_moderators_correction_to_nothing_visible_is_refused(make_process, make_idea, client_as):
    idea = make_idea(make_process("public"))
    page = client_as("moderator").post(f"/moderatie/ideeen/{idea.id}/corrigeren", data={
        "title": "\u200b", "body": idea.body, "reason": "\u200b",
    }).get_data(as_text=True)
    assert "Geef je idee een titel." in page
    db.session.refresh(idea)
    assert idea.title == "Een bank op de Markt"


def form_classes():
    import participation

    seen, stack = [], list(FlaskForm.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith(participation.__name__):
            seen.append(cls)
    return seen


def test_every_required_text_field_of_every_form_refuses_invisible_text(app):
    """One validator for all: a required text field with a plain DataRequired or InputRequired is a miss."""
    from participation import blueprints  # noqa: F401 - every feature's forms are imported with the app

    text_fields = (StringField, TextAreaField, EmailField, PasswordField)
    misses, checked = [], 0
    for form in form_classes():
        for name, unbound in inspect.getmembers(form):
            field_class = getattr(unbound, "field_class", None)
            if not (field_class and issubclass(field_class, text_fields)):
                continue
            validators = unbound.kwargs.get("validators") or (unbound.args[1] if len(unbound.args) > 1 else [])
            required = [v for v in validators if isinstance(v, DataRequired | InputRequired)]
            checked += bool(required)
            misses += [f"{form.__module__}.{form.__name__}.{name}" for v in required
                       if not isinstance(v, RequiredText)]
    assert checked > 20
    assert not misses, misses
