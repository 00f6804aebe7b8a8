"""The number of ideas per process and status is kept as ideas move, so lists need not count them."""

from sqlalchemy import func, select

from participation.extensions import db
from participation.ideas import services
from participation.ideas.counters import idea_count, recount
from participation.ideas.models import PUBLIC_STATUSES, STATUSES, Idea, ProcessIdeaCount


def counted(process_id: int) -> dict[str, int]:
    rows = db.session.execute(select(ProcessIdeaCount.status, ProcessIdeaCount.ideas)
                              .where(ProcessIdeaCount.process_id == process_id)).all()
    return {status: n for status, n in rows if n}


def actual(process_id: int) -> dict[str, int]:
    rows = db.session.execute(select(Idea.status, func.count()).where(Idea.process_id == process_id)
                              .group_by(Idea.status)).all()
    return dict(rows)


def test_counters_follow_submitting_publishing_hiding_and_merging(make_process, make_idea, make_user, client):
    process, other = make_process("public"), make_process("public")
    first = make_idea(process, title="Een bank op de Markt")
    second = make_idea(process, title="Bomen langs de Leie")
    make_idea(process, title="Nog niet gelezen", status="submitted")
    make_idea(process, title="Verborgen", status="hidden")
    make_idea(other, title="Elders", status="selected")
    moderator = make_user("moderator")
    services.merge_ideas(second, first, moderator, "Hetzelfde idee.")
    db.session.commit()
    services.set_status(first, "selected", moderator, "Gekozen.", notify=False)
    db.session.commit()

    assert counted(process.id) == actual(process.id) == {"selected": 1, "merged": 1, "submitted": 1, "hidden": 1}
    assert counted(other.id) == actual(other.id) == {"selected": 1}
    assert idea_count(process.id, PUBLIC_STATUSES) == 1
    assert "1 idee" in client.get(f"/trajecten/{process.slug}").get_data(as_text=True)


def test_recount_after_ideas_written_in_bulk(make_process):
    process = make_process("public")
    db.session.execute(db.insert(Idea), [
        {"process_id": process.id, "title": f"Idee {n}", "body": "<p>Tekst</p>", "theme": "people",
         "status": STATUSES[n % 3]} for n in range(9)
    ])
    recount(process.id)
    db.session.commit()
    assert counted(process.id) == actual(process.id) == {"submitted": 3, "published": 3, "hidden": 3}
