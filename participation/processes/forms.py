from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional, Regexp

from participation.processes.models import AUDIENCES, PHASE_KINDS
from participation.processes.services import AUDIENCE_LABELS, PHASE_LABELS
from participation.text import RequiredText

CLOSES_HINT = _l("The last day of the phase: it stays open until 23:59 (Brussels time) that day. "
                 "Leave empty if it never closes.")


class ProcessForm(FlaskForm):
    title = StringField(_l("Title"), validators=[RequiredText(_l("Give the process a title.")), Length(max=200)])
    slug = StringField(
        _l("Web address"),
        validators=[RequiredText(_l("Choose a web address.")), Length(max=80),
                    Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l(
                        "Use only small letters, digits and hyphens, for example hallo-harelbeke."))],
        description=_l("The last part of the address: /trajecten/hallo-harelbeke."),
    )
    summary = StringField(_l("Summary"), validators=[Optional(), Length(max=300)],
                          description=_l("One or two sentences, shown in the list of processes."))
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20_000)],
                                description=_l("What is it about?"))
    audience = SelectField(_l("Who takes part"), validators=[RequiredText()])

    propose_starts = DateField(_l("Ideas phase: opens on"), validators=[Optional()])
    propose_ends = DateField(_l("Ideas phase: last day"), validators=[Optional()], description=CLOSES_HINT)
    vote_starts = DateField(_l("Voting phase: opens on"), validators=[Optional()])
    vote_ends = DateField(_l("Voting phase: last day"), validators=[Optional()], description=CLOSES_HINT)
    result_starts = DateField(_l("Result: shown from"), validators=[Optional()])
    result_ends = DateField(_l("Result: last day"), validators=[Optional()], description=CLOSES_HINT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.audience.choices = [(a, AUDIENCE_LABELS[a]) for a in AUDIENCES]

    def phase_fields(self):
        return [(kind, PHASE_LABELS[kind], getattr(self, f"{kind}_starts"), getattr(self, f"{kind}_ends"))
                for kind in PHASE_KINDS]


class InvitationForm(FlaskForm):
    partner_id = SelectField(_l("Partner organisation"), coerce=int, validate_choice=True,
                             validators=[RequiredText(_l("Choose the partner to invite."))])
    last_day = DateField(_l("The link holds until"), validators=[Optional()],
                         description=_l("The last day the link opens: until 23:59 (Brussels time) that day."))


class ButtonForm(FlaskForm):
    """A button that changes something: only its CSRF token travels."""
