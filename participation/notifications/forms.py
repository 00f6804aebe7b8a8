from flask_wtf import FlaskForm

from participation.accounts.forms import MAIL_PREFERENCE_LABELS, MailPreferenceForm

__all__ = ["MAIL_PREFERENCE_LABELS", "MailPreferenceForm", "UnsubscribeForm"]


class UnsubscribeForm(FlaskForm):
    """Only the form token: the signed link says whose mails stop."""
