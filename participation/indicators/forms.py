from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from participation.indicators.csvfile import parse_number
from participation.text import RequiredText


class ImportForm(FlaskForm):
    file = FileField(
        _l("CSV file of indicators"),
        description=_l("One row per indicator per year, with the columns described below."),
    )
    checked = HiddenField()
    dry_run = SubmitField(_l("Check without saving"))
    save = SubmitField(_l("Import"))


class NumberField(StringField):
    """A number written the Belgian way (35,95); ``number`` is None when empty or unreadable."""

    @property
    def number(self):
        if isinstance(self.data, Decimal):
            return self.data
        try:
            return parse_number(self.data) if self.data and str(self.data).strip() else None
        except ValueError:
            return None

    @property
    def is_unreadable(self) -> bool:
        return bool(self.data and str(self.data).strip()) and self.number is None


def _is_number(form, field):
    if field.is_unreadable:
        raise ValidationError(_l("Write a number like 35,95."))


class ValueForm(Form):
    year = IntegerField(_l("Year"), validators=[Optional(), NumberRange(1900, 2100, _l("Use a year like 2021."))])
    value = NumberField(_l("Value"), validators=[Optional(), _is_number])
    kind = SelectField(_l("Kind"), choices=[("measured", _l("measured")), ("projected", _l("projection"))])
    flemish_average = NumberField(_l("Flemish average"), validators=[Optional(), _is_number])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=200)])


class IndicatorForm(FlaskForm):
    name = StringField(_l("Name"), validators=[RequiredText(_l("Write the indicator's name.")), Length(max=200)])
    unit = StringField(_l("Unit"), validators=[Optional(), Length(max=40)], description=_l("For example %."))
    source = TextAreaField(_l("Source"), validators=[Optional(), Length(max=2000)])
    goal_number = SelectField(_l("SDG"), coerce=int, choices=[(n, str(n)) for n in range(1, 18)])
    target_code = StringField(_l("Target (optional)"), validators=[Optional(), Length(max=8)],
                              description=_l("For example 3.8; it must belong to the SDG."))
    better = SelectField(_l("Which way is better"), choices=[
        ("higher", _l("higher is better")), ("lower", _l("lower is better")), ("none", _l("neither")),
    ])
    values = FieldList(FormField(ValueForm), min_entries=1)
    submit = SubmitField(_l("Save"))


class DeleteForm(FlaskForm):
    confirm = BooleanField(_l("Yes, delete this indicator and all its values."),
                           validators=[DataRequired(_l("Tick the box to confirm."))])
    submit = SubmitField(_l("Delete this indicator"))
