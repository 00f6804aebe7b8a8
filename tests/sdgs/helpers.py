from participation.extensions import db
from participation.ideas.models import Idea


def make_idea(process, title="Een veilige schoolomgeving", body="<p>Fietspaden en trage wegen.</p>",
              status="published") -> Idea:
    idea = Idea(process_id=process.id, title=title, body=body, theme="prosperity", status=status)
    db.session.add(idea)
    db.session.commit()
    return idea
