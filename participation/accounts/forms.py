from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import Email, EqualTo, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from participation.access import ROLES
from participation.text import RequiredText

MIN_PASSWORD = 10


def role_label(role: str) -> str:
    labels = {
        "resident": _l("Resident"),
        "employee": _l("Employee"),
        "council_member": _l("Council member"),
        "moderator": _l("Moderator"),
        "administrator": _l("Administrator"),
    }
    return str(labels[role])


def strong_password(form, field) -> None:
    value = field.data or ""
    if len(value) < MIN_PASSWORD:
        raise ValidationError(_l("Choose a password of at least %(n)d characters.", n=MIN_PASSWORD))
    if value.isalpha() or value.isdigit():
        raise ValidationError(_l("Use letters and at least one digit or symbol in your password."))


def new_password_fields(label=_l("New password")) -> tuple[PasswordField, PasswordField]:
    """A new password and its repetition; made afresh for each form, so they keep their place in its order."""
    return (
        PasswordField(
            label,
            validators=[RequiredText(_l("Choose a password.")), strong_password],
            description=_l("At least 10 characters, with a digit or a symbol."),
        ),
        PasswordField(
            _l("Repeat the password"),
            validators=[RequiredText(_l("Repeat the password.")), EqualTo("password", _l("The passwords differ."))],
        ),
    )


class RegisterForm(FlaskForm):
    display_name = StringField(
        _l("Name shown with your ideas"),
        validators=[RequiredText(_l("Fill in a name.")), Length(max=80)],
        description=_l("Your first name or a nickname is enough."),
    )
    email = EmailField(
        _l("E-mail address"),
        validators=[
            RequiredText(_l("Fill in your e-mail address.")),
            Email(_l("This is not a valid e-mail address.")),
            Length(max=254),
        ],
    )
    password, password_confirm = new_password_fields(_l("Password"))
    accept = BooleanField(
        _l("I agree that the city keeps my name and e-mail address to run this platform."),
        validators=[RequiredText(_l("You must agree before you can register."))],
    )


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[RequiredText(_l("Fill in your e-mail address."))])
    password = PasswordField(_l("Password"), validators=[RequiredText(_l("Fill in your password."))])
    remember = BooleanField(_l("Stay logged in on this device"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[RequiredText(_l("Fill in your e-mail address.")), Email(_l("This is not a valid e-mail address."))],
    )


class ResetPasswordForm(FlaskForm):
    password, password_confirm = new_password_fields()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Your current password"), validators=[RequiredText(_l("Fill in your password."))]
    )
    password, password_confirm = new_password_fields()


class ResendConfirmationForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[RequiredText(_l("Fill in your e-mail address.")), Email(_l("This is not a valid e-mail address."))],
    )


class RolesForm(FlaskForm):
    roles = SelectMultipleField(
        _l("Roles"),
        choices=[(role, role) for role in ROLES],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.roles.choices = [(role, role_label(role)) for role in ROLES]


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[RequiredText(_l("Fill in your password."))])
    erase_comments = BooleanField(
        _l("Also erase the text of my comments"),
        description=_l("Without this, your comments stay in the conversations without your name."),
    )


MAIL_PREFERENCE_LABELS = {
    "each": _l("A mail for each change"),
    "weekly": _l("One mail a week with all changes"),
    "none": _l("No mails: I look at my notifications myself"),
}


class MailPreferenceForm(FlaskForm):
    mail_preference = RadioField(
        _l("Mails about changes"),
        choices=list(MAIL_PREFERENCE_LABELS.items()),
        description=_l("About the ideas you follow, wrote or commented on, and the ambition points you follow."),
    )


class ProfileForm(FlaskForm):
    display_name = StringField(
        _l("Name shown with your ideas"),
        validators=[RequiredText(_l("Fill in a name.")), Length(max=80)],
        description=_l("Your first name or a nickname is enough."),
    )
    locale = SelectField(_l("Language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from participation.i18n import LANGUAGE_NAMES

        self.locale.choices = list(LANGUAGE_NAMES.items())


class ChangeEmailForm(FlaskForm):
    email = EmailField(
        _l("New e-mail address"),
        validators=[RequiredText(_l("Fill in your e-mail address.")), Email(_l("This is not a valid e-mail address.")),
                    Length(max=254)],
        description=_l("We send a link to the new address. Your address changes when you open it."),
    )
    current_password = PasswordField(
        _l("Your current password"), validators=[RequiredText(_l("Fill in your password."))]
    )
