"""Forms of the council rounds, with Dutch messages through the catalogues."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    EmailField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Email, Length, NumberRange, Optional, Regexp

from participation.advisory.ranking import METHOD_LABELS
from participation.advisory.services import BALLOT_MODE_LABELS, ROLE_LABELS, THEME_LABELS
from participation.numbers import NumberField, int_or_none
from participation.text import RequiredText


def role_choices() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in ROLE_LABELS.items()]


class MemberForm(FlaskForm):
    email = EmailField(
        _l("E-mail address of the person"),
        validators=[RequiredText(_l("Fill in an e-mail address.")), Email(_l("This is not a valid e-mail address."))],
        description=_l("The person needs an account on the platform first."),
    )
    role = RadioField(_l("Role in the council"), choices=role_choices, default="member",
                      validators=[RequiredText(_l("Choose a role."))])


class SettingsForm(FlaskForm):
    method = RadioField(
        _l("Method for the joint ranking"),
        choices=lambda: [(key, str(label)) for key, label in METHOD_LABELS.items()],
        default="schulze",
        validators=[RequiredText(_l("Choose a method."))],
    )
    ballot_mode = RadioField(
        _l("Who ranks for a council"),
        choices=lambda: [(key, str(label)) for key, label in BALLOT_MODE_LABELS.items()],
        default="secretary",
        validators=[RequiredText(_l("Choose who ranks."))],
    )
    point_count = NumberField(
        _l("Number of ambition points"),
        default=9,
        validators=[RequiredText(_l("Fill in a number.")), NumberRange(1, 30, _l("Choose a number from 1 to 30."))],
    )


class RoundForm(SettingsForm):
    title = StringField(_l("Title"), validators=[RequiredText(_l("Fill in a title.")), Length(max=200)])
    slug = StringField(
        _l("Web address"),
        validators=[
            RequiredText(_l("Fill in a web address.")),
            Length(max=80),
            Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Use small letters, digits and hyphens only.")),
        ],
        description=_l("For example gezamenlijk-advies-2026."),
    )
    occasion = StringField(_l("Occasion"), validators=[Optional(), Length(max=200)],
                           description=_l("For example: the municipal elections of 2030."))
    introduction = TextAreaField(_l("Introduction of the note"), validators=[Optional(), Length(max=10000)],
                                 description=_l("Leave an empty line between paragraphs."))


class GroupForm(FlaskForm):
    name = StringField(_l("Name of the group"), validators=[RequiredText(_l("Fill in a name.")), Length(max=80)])


class GroupMemberForm(FlaskForm):
    email = EmailField(
        _l("E-mail address of the member"),
        validators=[RequiredText(_l("Fill in an e-mail address.")), Email(_l("This is not a valid e-mail address."))],
    )
    council = SelectField(_l("On behalf of council"), coerce=int, validators=[RequiredText(_l("Choose a council."))])


class GroupGuestForm(FlaskForm):
    name = StringField(_l("Name"), validators=[RequiredText(_l("Fill in the name of the person.")), Length(max=120)],
                       description=_l("For someone without an account on the platform: only the name is kept."))
    council = SelectField(_l("On behalf of council (optional)"), coerce=int, validators=[Optional()])


class GroupInputForm(FlaskForm):
    input_text = TextAreaField(_l("Input of the group"), validators=[Optional(), Length(max=10000)])
    people = NumberField(THEME_LABELS["people"], default=0,
                         validators=[Optional(), NumberRange(0, 999, _l("Fill in 0 or more."))])
    planet = NumberField(THEME_LABELS["planet"], default=0,
                         validators=[Optional(), NumberRange(0, 999, _l("Fill in 0 or more."))])
    prosperity = NumberField(THEME_LABELS["prosperity"], default=0,
                             validators=[Optional(), NumberRange(0, 999, _l("Fill in 0 or more."))])
    peace_partnership = NumberField(THEME_LABELS["peace_partnership"], default=0,
                                    validators=[Optional(), NumberRange(0, 999, _l("Fill in 0 or more."))])


class ProposalForm(FlaskForm):
    title = StringField(_l("Proposal"), validators=[RequiredText(_l("Fill in the proposal.")), Length(max=200)],
                        description=_l("One sentence, as the council would say it."))
    elaboration = TextAreaField(_l("Concrete elaboration"), validators=[Optional(), Length(max=5000)],
                                description=_l("What should the city do, concretely?"))


class EndorsementForm(FlaskForm):
    decision = RadioField(
        _l("Answer of your council"),
        choices=[("endorse", _l("Our council endorses the note")),
                 ("reservation", _l("Our council records a reservation"))],
        validators=[RequiredText(_l("Choose an answer."))],
    )
    reservation = TextAreaField(_l("Reservation"), validators=[Optional(), Length(max=3000)],
                                description=_l("Only when your council records a reservation."))


class PointForm(FlaskForm):
    number = NumberField(_l("Number"), validators=[RequiredText(_l("Fill in a number."))])
    title = StringField(_l("Title"), validators=[RequiredText(_l("Fill in a title.")), Length(max=250)],
                        description=_l("For example: Solidair Harelbeke met respect voor alle mensen"))
    vision = TextAreaField(_l("Vision"), validators=[Optional(), Length(max=2000)],
                           description=_l("One sentence: where the city should go."))
    targets = StringField(_l("SDG targets"), validators=[Optional(), Length(max=500)],
                          description=_l("Codes separated by commas, for example 1.2, 10.2."))


class SubThemeForm(FlaskForm):
    sub_title = StringField(_l("Title of the CONCREET section"), validators=[Optional(), Length(max=250)],
                            description=_l("May stay empty."))


class RecommendationForm(FlaskForm):
    sub_theme = SelectField(_l("Section"), coerce=int, validators=[RequiredText(_l("Choose a section."))])
    text = TextAreaField(_l("Recommendation"),
                         validators=[RequiredText(_l("Fill in the recommendation.")), Length(max=2000)])


def parse_ranks(formdata: MultiDict) -> tuple[list[tuple[int, int]], dict[str, str]]:
    """Read `rank-<proposal id>` fields: blank means unranked; equal numbers tie.

    Returns the (proposal id, rank) entries and the field errors by field name. A field sent twice
    yields two entries, so the ballot check can name the proposal ranked twice.
    """
    entries: list[tuple[int, int]] = []
    errors: dict[str, str] = {}
    for name in formdata:
        if not name.startswith("rank-"):
            continue
        key = name.removeprefix("rank-")
        for value in formdata.getlist(name):
            value = value.strip()
            if not value:
                continue
            proposal_id, rank = int_or_none(key), int_or_none(value)
            if proposal_id is None:
                entries.append((-1, 1))
                continue
            if rank is None or rank < 1:
                errors[name] = str(_l("Fill in a whole number of 1 or more, or leave it blank."))
                continue
            entries.append((proposal_id, rank))
    return entries, errors


def rank_values(formdata: MultiDict) -> dict[str, str]:
    """The `rank-<proposal id>` fields as typed, to show the ballot again after an error."""
    return {name: formdata.get(name, "") for name in formdata if name.startswith("rank-")}


def ballot_values(ballot) -> dict[str, str]:
    """A stored ballot's ranks as the form's `rank-<proposal id>` fields."""
    return {f"rank-{rank.proposal_id}": str(rank.rank) for rank in ballot.ranks}


class AnswerForm(FlaskForm):
    text = TextAreaField(
        _l("New answer of the city"),
        validators=[RequiredText(_l("Write the city's answer.")), Length(max=5000)],
        description=_l("What the city does with this point, in plain words. Followers get it by mail; "
                       "an earlier answer stays visible as history."),
    )


class CityTargetsForm(FlaskForm):
    targets = StringField(_l("SDG targets"), validators=[Optional(), Length(max=500)],
                          description=_l("The city's reading of the point. Codes separated by commas, "
                                         "for example 4.2, 16.2."))


class ButtonForm(FlaskForm):
    """A form that is only a button (follow, link, unlink): CSRF and nothing else."""
