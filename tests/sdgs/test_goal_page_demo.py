"""With the demo loaded, a goal's page shows what the councils and the multi-year plan do for it."""

from participation.advisory.models import AmbitionPoint
from participation.extensions import db


def test_goal_10_shows_ambition_points_and_plan_actions_of_the_demo(app, client):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output

    html = client.get("/sdgs/10").get_data(as_text=True)

    assert "Ambitiepunten van de adviesraden" in html
    assert "Nog geen ambitiepunt is aan dit doel gekoppeld." not in html
    assert "Solidair Harelbeke met respect voor alle mensen" in html
    assert "Acties uit het meerjarenplan" in html
    assert "Nog geen enkele actie uit het meerjarenplan werkt aan dit doel." not in html


def test_every_ambition_point_of_the_demo_note_has_sdg_targets(app):
    app.test_cli_runner().invoke(args=["demo", "load"])
    points = db.session.scalars(db.select(AmbitionPoint)).all()
    published = [point for point in points if point.round.step == "published"]
    assert len(published) == 9
    assert all(point.targets for point in published)
