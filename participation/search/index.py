"""Search across the site: one index of processes, ideas, plan actions, SDG targets and ambition points.

Each searchable thing has one row in `search_documents` (what a result shows, its address, who may see
it) and its words in the database's own Dutch full-text index:

- PostgreSQL: `to_tsvector('dutch', words)` with a GIN index (migration `search_index`), queried with
  `to_tsquery('dutch', 'fiets:* & bank:*')`: the database stems ("fietsen" finds "fiets").
- SQLite (the embedded default): an FTS5 table `search_fts` whose rowid is the document's id, holding the
  words stemmed by the same Snowball Dutch stemmer (`participation.ideas.words`), queried with prefixes.

The index follows the data: whatever is written through the session (a new idea, a status, a plan
import, a published note) is noted after the flush and indexed before the commit, in the same
transaction. `participation search rebuild` writes it anew, for data written around the session.
Who may see what is decided at query time (`visible_condition`; for ideas the one rule of
`ideas.queries.idea_visibility`), so a process that changes its audience needs no reindexing.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    cast,
    column,
    event,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from participation.advisory.models import AmbitionPoint, CouncilRound
from participation.extensions import db
from participation.ideas.models import PUBLIC_STATUSES, Idea
from participation.ideas.queries import visible_ideas
from participation.ideas.words import fold, stems
from participation.plan.models import ActionPlan, PlanAction, StatusUpdate
from participation.processes.models import Process
from participation.processes.services import process_visibility
from participation.sdgs.models import SdgTarget
from participation.security import plain_text

DUTCH = literal_column("'dutch'::regconfig")
KINDS = ("process", "idea", "plan_action", "sdg_target", "ambition_point")
SUMMARY_MAX = 240
MAX_TERMS = 8
WORD_MIN = 2


class SearchDocument(db.Model):
    """One searchable thing: its kind and key, what a result shows, its address, and who may see it
    (`process_id`: only who sees that process; `is_public`: only when its status shows it to everyone)."""

    __tablename__ = "search_documents"
    __table_args__ = (UniqueConstraint("kind", "ref", name="uq_search_documents_kind_ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    ref: Mapped[str] = mapped_column(String(80))
    path: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(300))
    label: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    words: Mapped[str] = mapped_column(Text, default="")
    process_id: Mapped[int | None] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    is_public: Mapped[bool] = mapped_column(Boolean, default=True)


@dataclass
class Document:
    kind: str
    ref: str
    path: str
    title: str
    label: str = ""
    body: str = ""
    process_id: int | None = None
    is_public: bool = True


# -- what each kind of thing says -------------------------------------------------------------------------

def _path(endpoint: str, **values) -> str:
    """The address of a page, without host: works in a request and on the command line alike."""
    adapter = current_app.url_map.bind("localhost")
    return adapter.build(endpoint, values)


def _summary(body: str) -> str:
    words = " ".join(body.split())
    return words if len(words) <= SUMMARY_MAX else words[:SUMMARY_MAX].rsplit(" ", 1)[0] + " …"


def process_document(process: Process) -> Document:
    return Document("process", str(process.id), _path("processes.show", slug=process.slug), process.title,
                    body=f"{process.summary or ''} {plain_text(process.description)}", process_id=process.id)


def idea_document(idea: Idea) -> Document:
    return Document("idea", str(idea.id), _path("ideas.show", idea_id=idea.id), idea.title,
                    label=idea.process.title if idea.process else "",
                    body=f"{plain_text(idea.body)} {idea.address or ''} {idea.place or ''}",
                    process_id=idea.process_id, is_public=idea.status in PUBLIC_STATUSES)


def plan_action_document(action: PlanAction) -> Document:
    explanations = " ".join(update.explanation for update in action.updates if update.explanation)
    plan = action.action_plan
    return Document("plan_action", str(action.id), _path("plan.action", code=action.code), action.title,
                    label=action.code,
                    body=f"{action.description} {explanations} {plan.title if plan else ''}")


def sdg_target_document(target: SdgTarget) -> Document:
    return Document("sdg_target", target.code,
                    _path("sdgs.goal", number=target.goal_number) + f"#target-{target.code}",
                    f"{target.code} {_summary(target.text_nl)}", label=f"SDG {target.goal_number}",
                    body=target.text_nl)


def ambition_point_document(point: AmbitionPoint) -> Document | None:
    """Only the points of a published note: before that they are the councils' own."""
    if point.round is None or not point.round.is_published:
        return None
    themes = " ".join(f"{theme.title or ''} " + " ".join(r.text for r in theme.recommendations)
                      for theme in point.sub_themes)
    return Document("ambition_point", str(point.id),
                    _path("advisory.point", slug=point.round.slug, number=point.number),
                    f"{point.number}. {point.title}", label=point.round.title, body=f"{point.vision} {themes}")


BUILDERS = {
    "process": (Process, process_document),
    "idea": (Idea, idea_document),
    "plan_action": (PlanAction, plan_action_document),
    "sdg_target": (SdgTarget, sdg_target_document),
    "ambition_point": (AmbitionPoint, ambition_point_document),
}


# -- writing the index ------------------------------------------------------------------------------------

def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _remove(session: Session, kind: str, ref: str) -> None:
    found = session.execute(
        select(SearchDocument.id).where(SearchDocument.kind == kind, SearchDocument.ref == ref)
    ).scalar()
    if found is None:
        return
    if _is_sqlite(session):
        session.execute(text("DELETE FROM search_fts WHERE rowid = :id"), {"id": found})
    session.execute(SearchDocument.__table__.delete().where(SearchDocument.id == found))


def _write(session: Session, document: Document) -> None:
    _remove(session, document.kind, document.ref)
    words = fold(f"{document.title} {document.body}")
    result = session.execute(SearchDocument.__table__.insert().values(
        kind=document.kind, ref=document.ref, path=document.path, title=document.title[:300],
        label=document.label[:200], summary=_summary(document.body), words=words,
        process_id=document.process_id, is_public=document.is_public,
    ))
    if _is_sqlite(session):
        row_id = result.inserted_primary_key[0]
        session.execute(text("DELETE FROM search_fts WHERE rowid = :id"), {"id": row_id})
        session.execute(text("INSERT INTO search_fts (rowid, title, body) VALUES (:id, :title, :body)"),
                        {"id": row_id, "title": " ".join(sorted(stems(document.title))),
                         "body": " ".join(sorted(stems(document.body)))})


def reindex(session: Session, kind: str, ref: str) -> None:
    """Write one thing's document anew, or remove it when the thing is gone or not searchable."""
    model, build = BUILDERS[kind]
    key = ref if kind == "sdg_target" else int(ref)
    thing = session.get(model, key)
    document = build(thing) if thing is not None else None
    if document is None:
        _remove(session, kind, ref)
    else:
        _write(session, document)


def rebuild(session: Session | None = None) -> int:
    """The whole index written anew; returns the number of documents."""
    session = session or db.session()
    if _is_sqlite(session):
        session.execute(text("DELETE FROM search_fts"))
    session.execute(SearchDocument.__table__.delete())
    count = 0
    for model, build in BUILDERS.values():
        for thing in session.scalars(select(model)):
            document = build(thing)
            if document is not None:
                _write(session, document)
                count += 1
    return count


# -- following the data: noted after each flush, indexed before the commit ---------------------------------

def _keys_of(instance) -> Iterable[tuple[str, str]]:
    if isinstance(instance, Idea):
        yield "idea", str(instance.id)
    elif isinstance(instance, Process):
        yield "process", str(instance.id)
    elif isinstance(instance, PlanAction):
        yield "plan_action", str(instance.id)
    elif isinstance(instance, StatusUpdate) and instance.action_id:
        yield "plan_action", str(instance.action_id)
    elif isinstance(instance, SdgTarget):
        yield "sdg_target", instance.code
    elif isinstance(instance, AmbitionPoint):
        yield "ambition_point", str(instance.id)
    elif isinstance(instance, CouncilRound | ActionPlan):
        yield "_" + type(instance).__name__, str(instance.id)


@event.listens_for(Session, "after_flush")
def _note_changes(session: Session, _context) -> None:
    pending = session.info.setdefault("search_pending", set())
    for instance in (*session.new, *session.dirty, *session.deleted):
        for key in _keys_of(instance):
            if key[1] not in ("None", ""):
                pending.add(key)


@event.listens_for(Session, "before_commit")
def _index_changes(session: Session) -> None:
    if not session.info.get("search_pending"):
        return
    session.flush()
    done: set = set()
    while session.info.get("search_pending"):
        pending = session.info.pop("search_pending") - done
        for kind, ref in sorted(pending):
            if kind == "_CouncilRound":  # its points are searchable once it is published
                for point_id in session.scalars(select(AmbitionPoint.id).where(AmbitionPoint.round_id == int(ref))):
                    reindex(session, "ambition_point", str(point_id))
            elif kind == "_ActionPlan":
                for action_id in session.scalars(select(PlanAction.id).where(PlanAction.action_plan_id == int(ref))):
                    reindex(session, "plan_action", str(action_id))
            else:
                reindex(session, kind, ref)
        done |= pending
        session.flush()


@event.listens_for(Session, "after_rollback")
def _forget_changes(session: Session) -> None:
    session.info.pop("search_pending", None)


# -- searching --------------------------------------------------------------------------------------------

def query_words(query: str) -> list[str]:
    return [word for word in fold(query).replace("-", " ").split() if len(word) >= WORD_MIN][:MAX_TERMS]


def _clean(word: str) -> str:
    return "".join(ch for ch in word if ch.isalnum())


def match_condition(query: str):
    """Every word of the query must begin a word of the document, compared stem to stem.
    None when the query has no word to look for."""
    if db.engine.dialect.name == "postgresql":
        words = [w for w in (_clean(word) for word in query_words(query)) if w]
        if not words:
            return None
        tsquery = func.to_tsquery(DUTCH, " & ".join(f"{word}:*" for word in words))
        return func.to_tsvector(DUTCH, SearchDocument.words).op("@@")(tsquery), tsquery
    terms = sorted(stems(" ".join(query_words(query))))
    if not terms:
        return None
    fts = " AND ".join(f'"{term}"*' for term in terms)
    matching = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :fts").bindparams(fts=fts)
    return SearchDocument.id.in_(matching.columns(column("rowid", Integer))), fts


def visible_condition(viewer):
    """What this viewer may find. Ideas: the one rule of `ideas.queries.idea_visibility`, as every list
    of ideas applies it. The rest: what is public (a note's points once published), and processes the
    viewer may see (`processes.services.process_visibility`)."""
    visible_processes = select(Process.id).where(process_visibility(viewer))
    ideas = visible_ideas(viewer, listing=True).with_only_columns(cast(Idea.id, String))
    return or_(
        db.and_(SearchDocument.kind == "idea", SearchDocument.ref.in_(ideas)),
        db.and_(
            SearchDocument.kind != "idea",
            SearchDocument.is_public.is_(True),
            or_(SearchDocument.process_id.is_(None), SearchDocument.process_id.in_(visible_processes)),
        ),
    )


def _order(statement, match):
    if db.engine.dialect.name == "postgresql":
        rank = func.ts_rank(func.to_tsvector(DUTCH, SearchDocument.words), match)
        return statement.order_by(rank.desc(), SearchDocument.id)
    rank = text("(SELECT bm25(search_fts, 5.0, 1.0) FROM search_fts WHERE search_fts MATCH :fts "
                "AND search_fts.rowid = search_documents.id)").bindparams(fts=match)
    return statement.order_by(rank, SearchDocument.id)


@dataclass
class Group:
    kind: str
    total: int
    items: list[SearchDocument]


def _base(query: str, viewer):
    found = match_condition(query)
    if found is None:
        return None, None
    condition, match = found
    return select(SearchDocument).where(condition, visible_condition(viewer)), match


def search_groups(query: str, viewer, per_group: int = 5) -> list[Group]:
    """The best few results of each kind, with how many there are, in the order of KINDS."""
    statement, match = _base(query, viewer)
    if statement is None:
        return []
    counts = dict(db.session.execute(
        statement.with_only_columns(SearchDocument.kind, func.count()).group_by(SearchDocument.kind)
    ).all())
    groups = []
    for kind in KINDS:
        if counts.get(kind):
            items = list(db.session.scalars(_order(statement.where(SearchDocument.kind == kind), match)
                                            .limit(per_group)))
            groups.append(Group(kind, counts[kind], items))
    return groups


def search_kind(query: str, viewer, kind: str, page: int, per_page: int):
    """One kind of results, a page at a time."""
    statement, match = _base(query, viewer)
    if statement is None:
        return None
    return db.paginate(_order(statement.where(SearchDocument.kind == kind), match), page=page, per_page=per_page,
                       error_out=False)
