from flask import Blueprint
from flask_babel import lazy_gettext as _l

from participation.extensions import db, login_manager

bp = Blueprint("accounts", __name__)

login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Log in to open this page.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(user_id: str):
    from participation.accounts.models import User

    return db.session.get(User, int(user_id))


from participation.accounts import views  # noqa: E402,F401


@bp.app_template_global("role_label")
def role_label(role: str) -> str:
    from participation.accounts.forms import role_label as label

    return label(role)


@bp.app_template_global("author_name")
def author_name(idea) -> str:
    from participation.accounts.personal_data import author_name as name

    return name(idea)
