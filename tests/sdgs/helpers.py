"""An idea as the SDG tests link it: about a safe school surrounding, which the suggester reads."""

from participation.ideas.models import Idea
from tests.conftest import idea


def make_idea(process, title="Een veilige schoolomgeving", body="<p>Fietspaden en trage wegen.</p>",
              status="published") -> Idea:
    return idea(process, title=title, body=body, status=status, theme="prosperity")
