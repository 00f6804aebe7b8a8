from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from participation.numbers import NumberField
from participation.text import RequiredText


class LinkTargetForm(FlaskForm):
    code = StringField(
        _l("Target code"),
        validators=[RequiredText(_l("Enter the code of a target, for example 11.7.")), Length(max=12)],
        description=_l("For example 11.7. The code is in the list of targets on each goal's page."),
    )
    next = HiddenField()
    suggested = HiddenField()  # "1" when the moderator confirms a suggestion


class RefuseSuggestionForm(FlaskForm):
    """A moderator's "does not fit" for a suggested target, or for a suggested goal (no code)."""

    goal = NumberField(validators=[RequiredText(), NumberRange(min=1, max=17)])
    code = HiddenField(validators=[Optional(), Length(max=12)])
    next = HiddenField()


class StatementForm(FlaskForm):
    sentence = TextAreaField(
        _l("The city's sentence for this goal"),
        validators=[Optional(), Length(max=300, message=_l("Keep the sentence under %(max)s characters."))],
        description=_l("One sentence that says what the city does for this goal. Leave it empty to remove it."),
    )
