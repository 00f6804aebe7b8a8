from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from participation.meetings.models import KINDS
from participation.meetings.services import KIND_LABELS, REPORT_MAX, TITLE_MAX, Attendance
from participation.numbers import parse_int
from participation.text import RequiredText

BLANK_ROWS = 3
MAX_ROWS = 40


class MeetingForm(FlaskForm):
    kind = SelectField(_l("Kind of session"), validators=[RequiredText(_l("Choose what kind of session it was."))])
    title = StringField(
        _l("Title"), validators=[RequiredText(_l("Give the session a title.")), Length(max=TITLE_MAX)],
        description=_l("As it reads after “from”, for example: het SDG-spel, de infoavond in Hulste. "
                       "Ideas of the session show “from het SDG-spel of 01/2024”."),
    )
    held_on = DateField(_l("Date"), validators=[RequiredText(_l("Fill in when the session was held."))])
    month_only = BooleanField(_l("Only the month is known"),
                              description=_l("The day is then not shown, only the month and the year."))
    place = StringField(_l("Place (optional)"), validators=[Optional(), Length(max=200)])
    facilitator = StringField(_l("Facilitator (optional)"), validators=[Optional(), Length(max=200)],
                              description=_l("Who led the session: a name or an organisation."))
    report = TextAreaField(_l("Short report (optional)"), validators=[Optional(), Length(max=REPORT_MAX)],
                           description=_l("What happened and what came out of it. A little Markdown is allowed."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _l("Choose a kind"))] + [(kind, KIND_LABELS[kind]) for kind in KINDS]


@dataclass
class Line:
    """An attendance line as the form shows it: the group and the count as typed."""

    group: str
    count: str


def _count(value: str) -> int | None | str:
    """A count as typed ("80", "1.200"): a whole number, None when empty, "invalid" for anything else."""
    value = (value or "").strip().replace(".", "")
    if not value:
        return None
    try:
        return parse_int(value)
    except ValueError:
        return "invalid"


def parse_attendance(form_data) -> tuple[list[Attendance] | None, list[Line], dict[str, str]]:
    """The attendance lines of the form (attendance-N-group, attendance-N-count), in order, and the same
    lines as typed; a count that is not a whole number is an error on its field. None when the form sent
    no attendance lines at all."""
    if not any(key.startswith("attendance-") for key in form_data):
        return None, [], {}
    rows, lines, errors = [], [], {}
    for index in range(MAX_ROWS):
        group = form_data.get(f"attendance-{index}-group")
        count = form_data.get(f"attendance-{index}-count")
        if group is None and count is None:
            continue
        value = _count(count)
        if value == "invalid":
            errors[f"attendance-{index}-count"] = str(_l("Write the number of people as a whole number."))
            value = None
        rows.append(Attendance(group or "", value))
        lines.append(Line(group or "", count or ""))
    return rows, lines, errors


def attendance_lines(lines: list[Line]) -> list[Line]:
    """What the form shows: the lines given, then a few empty ones to add groups without JavaScript.
    Empty lines at the end are dropped first; the others keep their place, so an error names the line
    it is about."""
    kept = list(lines)
    while kept and not (kept[-1].group.strip() or kept[-1].count.strip()):
        kept.pop()
    return [*kept, *(Line("", "") for _ in range(BLANK_ROWS))]
