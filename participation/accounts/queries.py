from sqlalchemy import or_

from participation.accounts.models import User
from participation.extensions import db


def search_users(query: str, page: int, per_page: int):
    statement = db.select(User).order_by(User.created_at.desc(), User.id.desc())
    if query:
        like = f"%{query.lower()}%"
        statement = statement.where(or_(User.email.ilike(like), User.display_name.ilike(like)))
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)
