from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from participation.core.chapters import chapters
from participation.core.queries import district_choices, neighbourhood_choices
from participation.ideas.rules import STATUS_LABELS
from participation.ideas.services import BODY_MAX, TITLE_MAX
from participation.numbers import NumberField
from participation.text import RequiredText


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "", "None") else None
    except (TypeError, ValueError):
        return None


class IdeaForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[RequiredText(_l("Give your idea a title.")),
                    Length(max=TITLE_MAX, message=_l("Keep the title under %(max)d characters."))],
        description=_l("Say it in a few words, for example: A bench on the Markt."),
    )
    body = TextAreaField(
        _l("Your idea"),
        validators=[RequiredText(_l("Describe your idea in a few sentences.")),
                    Length(max=BODY_MAX, message=_l("Keep the text under %(max)d characters."))],
        description=_l("What do you propose, where, and why?"),
    )
    theme = SelectField(_l("Theme"), validators=[RequiredText(_l("Choose a theme."))])
    district_id = SelectField(_l("District"), coerce=_int_or_none, validators=[Optional()],
                              description=_l("Leave empty when the idea is for the whole city."))
    neighbourhood_id = SelectField(_l("Neighbourhood"), coerce=_int_or_none, validators=[Optional()],
                                   description=_l("Only when the idea is about one neighbourhood."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme.choices = [("", _l("Choose a theme"))] + [(c.key, c.label) for c in chapters()]
        self.district_id.choices = [(None, _l("Whole city"))] + district_choices()
        self.neighbourhood_id.choices = {None: [(None, _l("No particular neighbourhood"))], **neighbourhood_choices()}


class DeskIdeaForm(IdeaForm):
    resident_name = StringField(
        _l("Name of the resident"),
        validators=[RequiredText(_l("Fill in the resident's name.")), Length(max=120)],
    )
    resident_contact = StringField(
        _l("Contact of the resident (optional)"), validators=[Optional(), Length(max=200)],
        description=_l("An e-mail address, phone number or postal address, as the resident gave it."),
    )
    consent = BooleanField(
        _l("The resident agrees"),
        description=_l("The resident agrees that the city keeps this name and contact to answer about the idea."),
        validators=[RequiredText(_l("The resident must agree that the city keeps their name and contact."))],
    )


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"), validators=[RequiredText(_l("Choose a status."))])
    explanation = TextAreaField(
        _l("Explanation"),
        validators=[RequiredText(_l("Explain the change: the author and the followers will read it.")),
                    Length(max=5000)],
        description=_l("The author and the followers read this. When you hide an idea, give the reason."),
    )

    def __init__(self, *args, statuses: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [(s, STATUS_LABELS[s]) for s in statuses]


class MergeForm(FlaskForm):
    target = NumberField(
        _l("Number of the idea to keep"),
        validators=[InputRequired(_l("Fill in the number of the idea to keep.")), NumberRange(min=1)],
        description=_l("The number is shown on each idea, for example #12."),
    )
    explanation = TextAreaField(
        _l("Explanation"),
        validators=[RequiredText(_l("Explain the change: the author and the followers will read it.")),
                    Length(max=5000)],
    )


class CorrectionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[RequiredText(_l("Give your idea a title.")), Length(max=TITLE_MAX)])
    body = TextAreaField(_l("Text"), validators=[RequiredText(_l("Describe your idea in a few sentences.")),
                                                 Length(max=BODY_MAX)])
    reason = StringField(_l("What did you correct?"), validators=[RequiredText(_l("Say what you corrected.")),
                                                                 Length(max=300)])


class KeepForm(FlaskForm):
    """The management team keeps an idea for a chapter of the city's note, with its note."""

    chapter = SelectField(_l("Chapter"), validators=[InputRequired(_l("Choose a chapter."))])
    note = TextAreaField(
        _l("Note of the management team"),
        validators=[RequiredText(_l("Write the management team's note: why this idea is kept.")),
                    Length(max=2000)],
        description=_l("Shown with the idea on the note's page and on the idea's road."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.chapter.choices = [("", _l("Choose a chapter"))] + [(c.key, c.label) for c in chapters()]


class ButtonForm(FlaskForm):
    """A form that is only a button (follow, unfollow): CSRF and nothing else."""

    next = HiddenField()
