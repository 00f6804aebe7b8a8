from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from participation.numbers import NumberField
from participation.plan.spreadsheet import Status
from participation.text import RequiredText


class ImportForm(FlaskForm):
    file = FileField(
        _l("Spreadsheet of the plan (XLSX or CSV)"),
        description=_l("One row per task per quarter, with the columns described below. At most 5 MB."),
    )
    checked = HiddenField()
    dry_run = SubmitField(_l("Check without saving"))
    save = SubmitField(_l("Import"))


class StatusUpdateForm(FlaskForm):
    task = SelectField(_l("Task"), coerce=int, validate_choice=True)
    year = NumberField(
        _l("Year"),
        validators=[RequiredText(_l("Fill in the year.")), NumberRange(2000, 2099, _l("Use a year like 2024."))],
    )
    quarter = SelectField(
        _l("Quarter"),
        choices=[(n, _l("Quarter %(n)s", n=n)) for n in range(1, 5)],
        coerce=int,
    )
    status = SelectField(_l("Status"), choices=[(s.value, s.label) for s in Status])
    explanation = TextAreaField(
        _l("Explanation"),
        validators=[Optional(), Length(max=5000)],
        description=_l("What happened this quarter, in plain words: residents read it."),
    )
    submit_update = SubmitField(_l("Save the quarterly update"))


class TargetsForm(FlaskForm):
    targets = StringField(
        _l("SDG targets"),
        validators=[Optional(), Length(max=500)],
        description=_l("Codes separated by commas, like 3.8, 10.2. Leave empty for none."),
    )
    submit_targets = SubmitField(_l("Save the targets"))


class NewActionForm(FlaskForm):
    action_plan = SelectField(_l("Action plan"), coerce=int, validators=[RequiredText(_l("Choose an action plan."))])
    code = StringField(
        _l("Code"),
        validators=[RequiredText(_l("Fill in a code.")), Length(max=40)],
        description=_l("Like D10/AP01/05: the policy goal, the action plan and a number."),
    )
    title = StringField(_l("Title"), validators=[RequiredText(_l("Give the action a title.")), Length(max=300)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    submit_action = SubmitField(_l("Create the action and link the idea"))
