from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField
from wtforms.validators import NumberRange, Optional, ValidationError

from participation.votes.models import APPROVAL, DOTS

MAX_BUDGET = 100


class VoteRuleForm(FlaskForm):
    kind = RadioField(
        _l("How do participants vote?"),
        choices=[
            (APPROVAL, _l("Support: one vote per idea, on as many ideas as they like")),
            (DOTS, _l("Dots: a number of votes to spread, with a maximum per idea")),
        ],
        default=APPROVAL,
    )
    budget = IntegerField(
        _l("Number of votes per participant"),
        validators=[Optional(), NumberRange(1, MAX_BUDGET, _l("Choose a number from 1 to %(max)d."))],
        description=_l("Required for dots. For support, leave empty for no limit."),
    )
    max_per_idea = IntegerField(
        _l("Most votes on one idea"),
        validators=[Optional(), NumberRange(1, MAX_BUDGET, _l("Choose a number from 1 to %(max)d."))],
        description=_l("Only for dots, for example 3."),
    )

    def validate_kind(self, field) -> None:
        if field.data not in (APPROVAL, DOTS):
            raise ValidationError(_l("Choose how participants vote."))

    def validate_budget(self, field) -> None:
        if self.kind.data == DOTS and field.data is None:
            raise ValidationError(_l("Fill in how many votes each participant gets."))

    def validate_max_per_idea(self, field) -> None:
        if self.kind.data != DOTS:
            return
        if field.data is None:
            raise ValidationError(_l("Fill in the most votes one idea can get from one participant."))
        if self.budget.data is not None and field.data > self.budget.data:
            raise ValidationError(_l("This cannot be more than the number of votes per participant."))
