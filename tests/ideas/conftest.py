import pytest

from participation.extensions import db
from participation.ideas import services
from participation.ideas.models import Idea


@pytest.fixture
def make_idea(make_user):
    """make_idea(process, title=..., status="published"): an idea submitted by a resident, then moved."""
    moderator = {}

    def make(process, title="Een bank op de Markt", body="<p>Een zitbank in de schaduw.</p>", theme="people",
             status="published", author=None, district_id=None, neighbourhood_id=None) -> Idea:
        author = author or make_user()
        text = services.clean_text(services.IdeaText(title=title, body=body, theme=theme, district_id=district_id,
                                                     neighbourhood_id=neighbourhood_id))
        idea = services._new_idea(process, text, author, author_id=author.id)
        if status != "submitted":
            if "user" not in moderator:
                moderator["user"] = make_user("moderator")
            road = {"published": ["published"], "hidden": ["hidden"], "selected": ["published", "selected"],
                    "not_selected": ["published", "not_selected"],
                    "in_progress": ["published", "selected", "in_progress"],
                    "realised": ["published", "selected", "in_progress", "realised"]}[status]
            for step in road:
                services.set_status(idea, step, moderator["user"], f"Naar {step}.", notify=False)
        db.session.commit()
        return idea

    return make
