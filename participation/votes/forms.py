from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import NumberRange, Optional, ValidationError

from participation.numbers import NumberField
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
    budget = NumberField(
        _l("Number of votes per participant"),
        validators=[Optional(), NumberRange(1, MAX_BUDGET, _l("Choose a number from 1 to %(max)d."))],
        description=_l("Required for dots. For support, leave empty for no limit."),
    )
    max_per_idea = NumberField(
        _l("Most votes on one idea"),
        validators=[Optional(), NumberRange(1, MAX_BUDGET, _l("Choose a number from 1 to %(max)d."))],
        description=_l("Only for dots, for example 3."),
    )

    def validate_kind(self, field) -> None:
        if field.data not in (APPROVAL, DOTS):
            raise ValidationError(_l("Choose how participants vote."))

    def validate(self, extra_validators=None) -> bool:
        """The checks that depend on the kind (Optional() ends a field's own chain when it is empty)."""
        valid = super().validate(extra_validators)
        if self.kind.data != DOTS:
            return valid
        if self.budget.data is None and not self.budget.errors:
            self.budget.errors.append(_l("Fill in how many votes each participant gets."))
            valid = False
        if self.max_per_idea.data is None and not self.max_per_idea.errors:
            self.max_per_idea.errors.append(_l("Fill in the most votes one idea can get from one participant."))
            valid = False
        elif self.budget.data is not None and self.max_per_idea.data is not None \
                and self.max_per_idea.data > self.budget.data:
            self.max_per_idea.errors.append(_l("This cannot be more than the number of votes per participant."))
            valid = False
        return valid
