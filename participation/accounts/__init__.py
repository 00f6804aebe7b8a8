from flask import Blueprint
from flask_babel import lazy_gettext as _l

from participation.extensions import login_manager

bp = Blueprint("accounts", __name__)

login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Log in to open this page.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(login_id: str):
    from participation.accounts.sessions import user_for

    return user_for(login_id)


@bp.record_once
def prepare_dummy_hash(state) -> None:
    """Computed at start, so the first login attempt for an unknown address takes no longer than others."""
    from participation.accounts.services import dummy_hash

    dummy_hash()


from participation.accounts import views  # noqa: E402,F401


@bp.app_template_global("role_label")
def role_label(role: str) -> str:
    from participation.accounts.forms import role_label as label

    return label(role)


@bp.app_template_global("author_name")
def author_name(idea) -> str:
    from participation.accounts.personal_data import author_name as name

    return name(idea)
