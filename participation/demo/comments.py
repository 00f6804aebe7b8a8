"""Demo comments: residents talking about a few ideas, the city's answers among them, and one comment
reported and waiting for a moderator. Loaded once: an idea that already has comments is left alone."""

from datetime import timedelta
from pathlib import Path

from participation.accounts.services import find_user
from participation.comments.models import Comment, CommentReport
from participation.demo.files import read_json
from participation.extensions import db
from participation.ideas.models import Idea


def _comment(idea: Idea, item: dict, parent: Comment | None, midnight) -> Comment | None:
    author = find_user(item["author"])
    if author is None:
        return None
    created = midnight(item["created"]) + timedelta(hours=19)
    comment = Comment(idea_id=idea.id, parent_id=parent.id if parent else None, author_id=author.id,
                      body=item["body"], is_official=bool(item.get("official")), created_at=created)
    db.session.add(comment)
    db.session.flush()
    for report in item.get("reports", []):
        reporter = find_user(report["by"])
        db.session.add(CommentReport(comment_id=comment.id, reporter_id=getattr(reporter, "id", None),
                                     reason=report.get("reason", ""), created_at=created + timedelta(hours=1)))
    return comment


def load_comments(folder: Path, midnight, lines: list[str]) -> None:
    items = read_json(folder, "comments.json")
    if items is None:
        return
    ideas = {title: db.session.scalar(db.select(Idea).where(Idea.title == title))
             for title in {item["idea"] for item in items}}
    already = set(db.session.scalars(
        db.select(Comment.idea_id).where(Comment.idea_id.in_([i.id for i in ideas.values() if i]))))
    added = 0
    for item in items:
        idea = ideas.get(item["idea"])
        if idea is None or idea.id in already:
            continue
        comment = _comment(idea, item, None, midnight)
        if comment is None:
            continue
        added += 1
        for answer in item.get("answers", []):
            added += _comment(idea, answer, comment, midnight) is not None
    lines.append(f"{added} demo comments")
