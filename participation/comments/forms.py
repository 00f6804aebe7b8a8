from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from participation.comments.services import COMMENT_MAX, REASON_MAX
from participation.text import RequiredText


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Your comment"),
        validators=[RequiredText(_l("Write your comment first.")),
                    Length(max=COMMENT_MAX, message=_l("Keep your comment under %(max)d characters."))],
        description=_l("Be kind and stay on the subject. A little Markdown works: **bold**, _italics_, lists."),
    )
    parent_id = HiddenField()
    official = BooleanField(_l("This is the city's answer"), validators=[Optional()])


class ReportForm(FlaskForm):
    reason = StringField(_l("What is wrong with it? (optional)"),
                         validators=[Optional(), Length(max=REASON_MAX)])


class HideForm(FlaskForm):
    reason = StringField(
        _l("Reason, shown in the comment's place"),
        validators=[RequiredText(_l("Say why the comment is hidden: the author and the readers see it.")),
                    Length(max=REASON_MAX)],
    )


class KeepForm(FlaskForm):
    """Only the form token."""
