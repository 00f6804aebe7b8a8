"""What a user writes in a conversation: a comment, an answer, a report's reason, a moderator's reason."""

from participation.comments.models import Comment
from participation.extensions import db
from tests.security.xss import WritePath


def comment_text(ctx, value: str, n: int) -> list:
    idea = ctx.world.talk_idea
    writer = ctx.client_as("resident")
    writer.post(f"/ideeen/{idea.id}/reacties", data={"body": value})
    comment = db.session.scalar(db.select(Comment).order_by(Comment.id.desc()).limit(1))
    writer.post(f"/ideeen/{idea.id}/reacties", data={"body": value, "parent_id": str(comment.id)})
    reader = ctx.client_as("resident")
    reader.post(f"/reacties/{comment.id}/melden", data={"reason": value})
    moderator = ctx.client_as("moderator")
    pages = [writer.get(f"/ideeen/{idea.id}"), reader.get(f"/reacties/{comment.id}/melden"),
             moderator.get("/moderatie/reacties")]
    moderator.post(f"/moderatie/reacties/{comment.id}/behouden", data={})  # the next payload tops the queue
    return pages


def hiding_reason(ctx, value: str, n: int) -> list:
    idea = ctx.world.talk_idea
    ctx.client_as("resident").post(f"/ideeen/{idea.id}/reacties", data={"body": f"Reactie {n}"})
    comment = db.session.scalar(db.select(Comment).order_by(Comment.id.desc()).limit(1))
    ctx.client_as("moderator").post(f"/moderatie/reacties/{comment.id}/verbergen", data={"reason": value})
    return [ctx.client_as(None).get(f"/ideeen/{idea.id}")]


WRITE_PATHS = [
    WritePath("comment and answer", comment_text, max_length=2000),
    WritePath("reason a moderator hid a comment", hiding_reason, max_length=500),
]
