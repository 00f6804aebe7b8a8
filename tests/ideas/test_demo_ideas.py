from participation.extensions import db
from participation.ideas.models import Idea, IdeaStatusChange


def test_demo_ideas_load_once_with_their_road(app, client):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    first = db.session.scalar(db.select(db.func.count()).select_from(Idea))
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == first >= 8
    benches = db.session.scalar(db.select(Idea).where(Idea.title == "Meer zitbanken op de Markt"))
    assert benches.status == "realised" and benches.via_desk
    road = db.session.scalars(db.select(IdeaStatusChange.to_status).where(IdeaStatusChange.idea_id == benches.id)
                              .order_by(IdeaStatusChange.created_at)).all()
    assert road == ["submitted", "published", "selected", "in_progress", "realised"]
    page = client.get("/trajecten/hallo-harelbeke").get_data(as_text=True)
    assert "Een speelplein in Hulste" in page and "Een fietsstraat naar de scholen in het centrum" in page
    assert "Een hondenweide in Bavikhove" not in page  # still waiting for a moderator
