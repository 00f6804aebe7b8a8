"""Following the ambition points of a published note: a page per point with the city's answer and actions,
following a point, and the moderators' page where the city answers and links the plan's actions."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.access import AUTHENTICATED, MODERATOR, PUBLIC, access
from participation.advisory import bp, followup, queries, services
from participation.advisory.forms import AnswerForm, ButtonForm, CityTargetsForm
from participation.advisory.models import AmbitionPoint
from participation.core.queries import current_city
from participation.extensions import db
from participation.numbers import parse_int
from participation.plan.queries import search_actions


def point_or_404(slug: str, number: int) -> AmbitionPoint:
    point = queries.published_point(slug, number)
    if point is None:
        abort(404)
    return point


@bp.route("/adviesraden/rondes/<slug>/punten/<int:number>")
@access(PUBLIC)
def point(slug: str, number: int):
    found = point_or_404(slug, number)
    return render_template(
        "advisory/point.html", point=found, round=found.round, city=current_city(),
        followup=queries.followups([found])[found.id], followers=queries.point_follower_count(found),
        is_following=followup.is_following(current_user, found), can_answer=followup.can_answer(current_user),
        button=ButtonForm(),
    )


@bp.route("/adviesraden/rondes/<slug>/punten/<int:number>/volgen", methods=["POST"])
@access(AUTHENTICATED)
def follow_point(slug: str, number: int):
    found = point_or_404(slug, number)
    if not ButtonForm().validate_on_submit():
        abort(400)
    followup.follow(current_user, found)
    db.session.commit()
    flash(_("You follow this point. We send you a mail when the city answers it or one of its actions changes."),
          "success")
    return redirect(url_for("advisory.point", slug=slug, number=number))


@bp.route("/adviesraden/rondes/<slug>/punten/<int:number>/niet-meer-volgen", methods=["POST"])
@access(AUTHENTICATED)
def unfollow_point(slug: str, number: int):
    found = point_or_404(slug, number)
    if not ButtonForm().validate_on_submit():
        abort(400)
    followup.unfollow(current_user, found)
    db.session.commit()
    flash(_("You no longer follow this point."), "success")
    return redirect(url_for("advisory.point", slug=slug, number=number))


@bp.route("/account/gevolgde-punten")
@access(AUTHENTICATED)
def followed_points():
    points = queries.followed_points(current_user)
    return render_template("advisory/followed_points.html", points=points, followups=queries.followups(points))


@bp.route("/moderatie/ambitiepunten/<slug>/<int:number>", methods=["GET", "POST"])
@access(MODERATOR)
def manage_point(slug: str, number: int):
    found = point_or_404(slug, number)
    answer_form = AnswerForm(prefix="answer")
    targets_form = CityTargetsForm(prefix="targets", data={"targets": ", ".join(found.target_codes)})
    button = ButtonForm()
    do = request.form.get("do") if request.method == "POST" else None
    try:
        message = None
        if do == "answer" and answer_form.validate_on_submit():
            followup.write_answer(found, current_user, answer_form.text.data)
            message = _("The city's answer is saved; the followers of the point get it by mail.")
        elif do == "targets" and targets_form.validate_on_submit():
            followup.set_city_targets(found, services.parse_target_codes(targets_form.targets.data or ""),
                                      current_user)
            message = _("The city's SDG targets of the point are saved.")
        elif do in ("link", "unlink") and button.validate_on_submit():
            action_id = request.form.get("action_id", type=parse_int) or 0
            if do == "link":
                action = followup.link_action(found, action_id, current_user)
                message = _("The action %(code)s is linked to the point.", code=action.code)
            elif followup.unlink_action(found, action_id, current_user):
                message = _("The action is no longer linked to the point.")
            else:
                message = _("The action was not linked to the point.")
    except services.AdvisoryError as error:
        db.session.rollback()
        form = {"answer": answer_form, "targets": targets_form}.get(do)
        if form is not None:
            form.form_errors.append(str(error))
        else:
            flash(str(error), "error")
    else:
        if message:
            db.session.commit()
            flash(message, "success")
            return redirect(url_for("advisory.manage_point", slug=slug, number=number))
    query = request.args.get("q", "").strip()
    found_actions = search_actions(query, request.args.get("page", 1, type=parse_int), current_app.config["PER_PAGE"]) \
        if query else None
    state = queries.followups([found])[found.id]
    return render_template(
        "advisory/point_manage.html", point=found, round=found.round, followup=state,
        linked_ids={action.id for action in state.actions}, answer_form=answer_form, targets_form=targets_form,
        button=button, query=query, found_actions=found_actions,
    ), 422 if request.method == "POST" else 200
