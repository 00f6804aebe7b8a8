"""The resident's side of ideas: the list on a process page, submitting, the idea page, following."""

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.access import AUTHENTICATED, EMPLOYEE, MODERATOR, PUBLIC, access
from participation.extensions import db, limiter
from participation.ideas import bp, forms, images, keeps, queries, rules, services
from participation.ideas.models import Idea
from participation.ideas.page import read_idea_page, similar_on_page
from participation.ideas.sections import card_facts, idea_sections
from participation.ideas.similar import similar_ideas
from participation.ideas.texts import shown_body
from participation.numbers import parse_int
from participation.processes.models import Process
from participation.processes.queries import process_by_slug
from participation.processes.services import can_view


def submit_limit() -> str:
    return current_app.config["SUBMIT_RATE_LIMIT"]


def visible_process_or_404(slug: str) -> Process:
    process = process_by_slug(slug)
    if process is None or not can_view(current_user, process):
        abort(404)
    return process


def visible_idea_or_404(idea_id: int) -> Idea:
    idea = queries.idea_by_id(idea_id)
    if idea is None or not queries.is_idea_visible(idea, current_user):
        abort(404)
    return idea


def photo_uploads(form, free: int) -> list[images.Upload]:
    """The photos chosen in the form's slots, read at most one byte past the limit."""
    uploads = []
    for file_field, alt_field in form.photo_slots(free):
        upload = request.files.get(file_field.name)
        if upload is None or not upload.filename:
            continue
        data = upload.stream.read(images.max_bytes() + 1)
        uploads.append(images.Upload(data=data, alt_text=alt_field.data or "", field=file_field.name))
    return uploads


def photos_chosen() -> bool:
    """Whether the form that came back had photos: a browser never fills them in again."""
    return any(upload.filename for upload in request.files.values())


def apply_error(form, error: services.IdeaError | images.ImageError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error)]
    else:
        form.form_errors.append(str(error))


def idea_text(form) -> services.IdeaText:
    return services.IdeaText(title=form.title.data, body=form.body.data, theme=form.theme.data,
                             district_id=form.district_id.data, neighbourhood_id=form.neighbourhood_id.data,
                             latitude=forms.coordinate(form.latitude.data),
                             longitude=forms.coordinate(form.longitude.data), address=form.address.data)


def closed(process: Process):
    return render_template("ideas/closed.html", process=process), 403


def wants_similar() -> bool:
    return request.form.get("action") == "similar"


def wants_preview() -> bool:
    """The Preview button: show the text as it will look, save nothing."""
    return request.method == "POST" and request.form.get("action") == "preview"


@bp.route("/trajecten/<slug>/ideeen/nieuw", methods=["GET", "POST"])
@access(AUTHENTICATED)
@limiter.limit(submit_limit, methods=["POST"])
def new(slug: str):
    process = visible_process_or_404(slug)
    if not rules.can_propose(current_user, process):
        return closed(process)
    form = forms.IdeaPhotoForm()
    similar = []
    if request.method == "POST" and form.title.data:
        similar = similar_ideas(process.id, form.title.data, form.body.data or "")
    if not wants_preview() and form.validate_on_submit() and not wants_similar():
        try:
            checked = images.check_uploads(photo_uploads(form, images.images_per_idea()))
            idea = services.submit_idea(process, current_user, idea_text(form))
            images.attach_images(idea, checked, current_user)
        except (services.IdeaError, images.ImageError) as error:
            db.session.rollback()
            apply_error(form, error)
        else:
            db.session.commit()
            flash(_("Thank you! Your idea is submitted. A moderator reads it soon and then publishes it."),
                  "success")
            return redirect(url_for("ideas.show", idea_id=idea.id))
    return render_template("ideas/new.html", process=process, form=form, similar=similar,
                           checked=wants_similar(), preview=wants_preview(), photo_free=images.images_per_idea(),
                           photos_again=photos_chosen())


@bp.route("/trajecten/<slug>/ideeen/loket", methods=["GET", "POST"])
@access(EMPLOYEE, MODERATOR)
def desk(slug: str):
    process = visible_process_or_404(slug)
    if not rules.can_enter_for_resident(current_user, process):
        return closed(process)
    form = forms.DeskIdeaForm()
    similar = []
    if request.method == "POST" and form.title.data:
        similar = similar_ideas(process.id, form.title.data, form.body.data or "")
    if not wants_preview() and form.validate_on_submit() and not wants_similar():
        resident = services.OnBehalf(name=form.resident_name.data, contact=form.resident_contact.data,
                                     consent=form.consent.data)
        try:
            checked = images.check_uploads(photo_uploads(form, images.images_per_idea()))
            idea = services.enter_for_resident(process, current_user, idea_text(form), resident)
            images.attach_images(idea, checked, current_user)
        except (services.IdeaError, images.ImageError) as error:
            db.session.rollback()
            apply_error(form, error)
        else:
            db.session.commit()
            flash(_("The idea of %(name)s is entered. A moderator reads it soon.", name=idea.on_behalf_name),
                  "success")
            return redirect(url_for("ideas.show", idea_id=idea.id))
    return render_template("ideas/desk.html", process=process, form=form, similar=similar,
                           checked=wants_similar(), preview=wants_preview(), photo_free=images.images_per_idea(),
                           photos_again=photos_chosen())


@bp.route("/trajecten/<slug>/ideeen/gelijkaardig")
@access(PUBLIC)
def similar(slug: str):
    """The similar ideas as a piece of HTML, for the form that shows them while someone types."""
    process = visible_process_or_404(slug)
    found = similar_ideas(process.id, request.args.get("titel", "")[:200], request.args.get("tekst", "")[:2000])
    return render_template("ideas/_similar_live.html", similar=found)


@bp.route("/ideeen/<int:idea_id>")
@access(PUBLIC)
def show(idea_id: int):
    page = read_idea_page(idea_id, current_user)
    if page is None or not page.visible:
        abort(404)
    idea = page.idea
    if (idea.status == "merged" and not rules.is_moderator(current_user)
            and queries.is_idea_visible(idea.merged_into, current_user)):
        flash(_("This idea was merged with a similar one. You find it here."), "info")
        return redirect(url_for("ideas.show", idea_id=idea.merged_into_id))
    photos = images.images_of(idea) if page.has("photos") else []
    history = (queries.idea_history(idea, current_user) if page.has("history") or page.has("merged") else [])
    shareable = rules.is_shareable(idea)
    can_follow = rules.can_follow(current_user, idea)
    body = shown_body(idea)
    return render_template(
        "ideas/show.html", idea=idea, body=body, process=idea.process, photos=photos,
        share_photo=images.share_picture(idea, photos) if shareable else None,
        road=keeps.idea_road(idea, history, kept=page.has("keep")),
        edits=queries.idea_edits(idea) if page.has("edits") else [],
        merged=queries.merged_into_this(idea, current_user) if page.has("merged") else [],
        followers=page.followers, is_following=page.is_following,
        can_follow=can_follow, can_edit=rules.can_edit_own(current_user, idea),
        is_moderator=rules.is_moderator(current_user), is_own=rules.is_own(current_user, idea),
        shareable=shareable,
        similar=similar_on_page(page, body.words) if idea.is_public else [],
        sections=idea_sections(idea, current_user, page.present),
    )


@bp.route("/ideeen/<int:idea_id>/fotos/<int:image_id>-<any(large, small):size>.jpg")
@access(PUBLIC)
def image(idea_id: int, image_id: int, size: str):
    """A photo, for whoever may see its idea; never anything but a JPEG the platform made itself."""
    idea = visible_idea_or_404(idea_id)
    found = images.image_of(idea, image_id)
    data = images.picture_bytes(found, size) if found is not None else None
    if data is None:
        abort(404)
    response = Response(data, mimetype="image/jpeg")
    response.headers["Content-Disposition"] = "inline"
    response.headers["Cache-Control"] = ("public, max-age=86400" if rules.is_shareable(idea)
                                         else "private, max-age=3600")
    return response


@bp.route("/ideeen/<int:idea_id>/bewerken", methods=["GET", "POST"])
@access(AUTHENTICATED)
def edit(idea_id: int):
    idea = visible_idea_or_404(idea_id)
    if not rules.can_edit_own(current_user, idea):
        abort(403)
    form = forms.IdeaPhotoForm(obj=idea)
    photos = images.images_of(idea)
    removed = {image for image in photos if str(image.id) in request.form.getlist("remove_photo")}
    if not wants_preview() and form.validate_on_submit():
        free = images.images_per_idea() - len(photos) + len(removed)
        try:
            checked = images.check_uploads(photo_uploads(form, free), already=len(photos) - len(removed))
            services.edit_own_idea(idea, current_user, idea_text(form))
            for image in removed:
                images.remove_image(image)
            images.attach_images(idea, checked, current_user)
        except (services.IdeaError, images.ImageError) as error:
            db.session.rollback()
            apply_error(form, error)
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("ideas.show", idea_id=idea.id))
    return render_template("ideas/edit.html", idea=idea, process=idea.process, form=form, preview=wants_preview(),
                           photos=photos, photo_free=images.images_per_idea() - len(photos),
                           photos_again=photos_chosen())


@bp.route("/ideeen/<int:idea_id>/volgen", methods=["POST"])
@access(AUTHENTICATED)
def follow(idea_id: int):
    idea = visible_idea_or_404(idea_id)
    if not forms.ButtonForm().validate_on_submit():
        abort(400)
    try:
        services.follow(current_user, idea)
    except services.IdeaError:
        abort(403)
    db.session.commit()
    flash(_("You follow this idea. We send you a mail when its status changes."), "success")
    return redirect(url_for("ideas.show", idea_id=idea.id))


@bp.route("/ideeen/<int:idea_id>/niet-meer-volgen", methods=["POST"])
@access(AUTHENTICATED)
def unfollow(idea_id: int):
    idea = visible_idea_or_404(idea_id)
    if not forms.ButtonForm().validate_on_submit():
        abort(400)
    services.unfollow(current_user, idea)
    db.session.commit()
    flash(_("You no longer follow this idea."), "success")
    return redirect(url_for("ideas.show", idea_id=idea.id))


@bp.route("/account/ideeen")
@access(AUTHENTICATED)
def mine():
    page = queries.my_ideas(current_user, request.args.get("page", 1, type=parse_int), current_app.config["PER_PAGE"])
    return render_template("ideas/mine.html", page=page, card_facts=card_facts(page.items))


@bp.route("/account/gevolgde-ideeen")
@access(AUTHENTICATED)
def followed():
    page = queries.followed_ideas(current_user, request.args.get("page", 1, type=parse_int),
                                  current_app.config["PER_PAGE"])
    return render_template("ideas/followed.html", page=page, card_facts=card_facts(page.items))
