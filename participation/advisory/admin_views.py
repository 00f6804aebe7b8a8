"""The administrator's side of the councils: members, rounds and their steps, groups, bundling."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.access import ADMINISTRATOR, access
from participation.accounts.models import User
from participation.accounts.services import find_user
from participation.advisory import bp, queries, services
from participation.advisory.forms import (
    GroupForm,
    GroupInputForm,
    GroupMemberForm,
    MemberForm,
    PointForm,
    RecommendationForm,
    RoundForm,
    SettingsForm,
    SubThemeForm,
)
from participation.advisory.models import THEMES, AmbitionPoint, Council, CouncilRound, MixedGroup
from participation.extensions import db
from participation.numbers import int_or_none, parse_int


def round_or_404(slug: str) -> CouncilRound:
    round_ = queries.round_by_slug(slug)
    if round_ is None:
        abort(404)
    return round_


@bp.route("/beheer/adviesraden")
@access(ADMINISTRATOR)
def admin_councils():
    return render_template("advisory/admin/councils.html", councils=queries.councils_with_counts())


@bp.route("/beheer/adviesraden/<council_slug>", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def admin_council(council_slug: str):
    council = queries.council_by_slug(council_slug)
    if council is None:
        abort(404)
    form = MemberForm()
    if form.validate_on_submit():
        user = find_user(form.email.data)
        if user is None:
            form.email.errors.append(_("No account uses this e-mail address. Ask the person to register first."))
        else:
            try:
                services.add_member(council, user, form.role.data)
            except services.AdvisoryError as error:
                form.form_errors.append(str(error))
            else:
                db.session.commit()
                flash(_("%(name)s sits on the %(council)s as %(role)s.", name=user.display_name,
                        council=council.name, role=services.ROLE_LABELS[form.role.data]), "success")
                return redirect(url_for("advisory.admin_council", council_slug=council_slug))
    query = request.args.get("q", "").strip()
    page = queries.council_members(council, query, request.args.get("page", 1, type=parse_int),
                                   current_app.config["PER_PAGE"])
    return render_template("advisory/admin/council.html", council=council, form=form, page=page, query=query)


@bp.route("/beheer/adviesraden/<council_slug>/leden/<int:user_id>/verwijderen", methods=["POST"])
@access(ADMINISTRATOR)
def admin_remove_member(council_slug: str, user_id: int):
    council = queries.council_by_slug(council_slug)
    seat = services.membership(db.session.get(User, user_id), council) if council else None
    if seat is None:
        abort(404)
    name = seat.user.display_name
    services.remove_member(council, seat.user)
    db.session.commit()
    flash(_("%(name)s no longer sits on the %(council)s.", name=name, council=council.name), "success")
    return redirect(url_for("advisory.admin_council", council_slug=council_slug))


@bp.route("/beheer/adviesrondes", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def admin_rounds():
    form = RoundForm()
    if form.validate_on_submit():
        try:
            round_ = services.create_round(
                form.title.data, form.slug.data, method=form.method.data, ballot_mode=form.ballot_mode.data,
                point_count=form.point_count.data, occasion=form.occasion.data or "",
                introduction=form.introduction.data or "",
            )
        except services.AdvisoryError as error:
            form.slug.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The round %(title)s is created.", title=round_.title), "success")
            return redirect(url_for("advisory.admin_round", slug=round_.slug))
    return render_template("advisory/admin/rounds.html", rounds=queries.rounds(published_only=False), form=form)


@bp.route("/beheer/adviesrondes/<slug>", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def admin_round(slug: str):
    round_ = round_or_404(slug)
    form = SettingsForm(obj=round_)
    if form.validate_on_submit():
        try:
            services.update_settings(round_, method=form.method.data, ballot_mode=form.ballot_mode.data,
                                     point_count=form.point_count.data)
        except services.AdvisoryError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The settings are saved."), "success")
            return redirect(url_for("advisory.admin_round", slug=slug))
    return render_template(
        "advisory/admin/round.html", round=round_, form=form, next_step=services.next_step(round_),
        councils=queries.all_councils(), ballot_status=queries.ballot_status(round_),
        endorsements={e.council_id: e for e in queries.endorsements_of(round_)},
        proposal_count=len(round_.proposals),
    )


@bp.route("/beheer/adviesrondes/<slug>/volgende-stap", methods=["POST"])
@access(ADMINISTRATOR)
def admin_advance(slug: str):
    round_ = round_or_404(slug)
    try:
        step = services.advance(round_)
    except services.AdvisoryError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("The round is now in the step: %(step)s.", step=services.STEP_LABELS[step]), "success")
    return redirect(url_for("advisory.admin_round", slug=slug))


@bp.route("/beheer/adviesrondes/<slug>/groepen", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def admin_groups(slug: str):
    round_ = round_or_404(slug)
    form = GroupForm()
    if form.validate_on_submit():
        try:
            group = services.create_group(round_, form.name.data)
        except services.AdvisoryError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Group %(name)s is created.", name=group.name), "success")
            return redirect(url_for("advisory.admin_group", slug=slug, group_id=group.id))
    return render_template("advisory/admin/groups.html", round=round_, form=form, groups=queries.groups_of(round_))


@bp.route("/beheer/adviesrondes/<slug>/groepen/<int:group_id>", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def admin_group(slug: str, group_id: int):
    round_ = round_or_404(slug)
    group = db.session.get(MixedGroup, group_id)
    if group is None or group.round_id != round_.id:
        abort(404)
    votes = {vote.theme: vote.votes for vote in group.theme_votes}
    member_form = GroupMemberForm(prefix="member")
    member_form.council.choices = [(c.id, c.name) for c in queries.all_councils()]
    input_form = GroupInputForm(prefix="input", data={"input_text": group.input_text, **votes})
    if request.form.get("action") == "member" and member_form.validate_on_submit():
        user = find_user(member_form.email.data)
        council = db.session.get(Council, member_form.council.data)
        if user is None:
            member_form.email.errors.append(_("No account uses this e-mail address."))
        else:
            try:
                services.add_group_member(group, user, council)
            except services.AdvisoryError as error:
                member_form.form_errors.append(str(error))
            else:
                db.session.commit()
                flash(_("%(name)s joins group %(group)s.", name=user.display_name, group=group.name), "success")
                return redirect(url_for("advisory.admin_group", slug=slug, group_id=group_id))
    elif request.form.get("action") == "input" and input_form.validate_on_submit():
        services.record_group_input(
            group, input_form.input_text.data or "",
            {theme: getattr(input_form, theme).data or 0 for theme in THEMES},
        )
        db.session.commit()
        flash(_("The input of group %(group)s is saved.", group=group.name), "success")
        return redirect(url_for("advisory.admin_group", slug=slug, group_id=group_id))
    return render_template(
        "advisory/admin/group.html", round=round_, group=group, member_form=member_form, input_form=input_form
    )


@bp.route("/beheer/adviesrondes/<slug>/bundelen", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def admin_bundle(slug: str):
    round_ = round_or_404(slug)
    form = PointForm()
    if request.method == "POST" and request.form.get("action") == "assign":
        assignments = {}
        for key, value in request.form.items():
            if key.startswith("point-"):
                # anything that is not a number of this round is refused by assign_proposals
                proposal_id, point_id = int_or_none(key.removeprefix("point-")), int_or_none(value)
                assignments[-1 if proposal_id is None else proposal_id] = (
                    None if not value.strip() else -1 if point_id is None else point_id
                )
        try:
            changed = services.assign_proposals(round_, assignments)
        except services.AdvisoryError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("The proposals are placed in their ambition points (%(count)d changed).", count=changed),
                  "success")
        return redirect(url_for("advisory.admin_bundle", slug=slug))
    if request.method == "POST" and form.validate_on_submit():
        try:
            codes = services.parse_target_codes(form.targets.data or "")
            point = services.save_point(round_, form.number.data, form.title.data, form.vision.data or "")
            services.set_point_targets(point, codes)
        except services.AdvisoryError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Ambition point %(number)d is created.", number=point.number), "success")
            return redirect(url_for("advisory.admin_point", slug=slug, point_id=point.id))
    elif request.method == "GET":
        taken = {point.number for point in round_.points}
        form.number.data = next((n for n in range(1, round_.point_count + 1) if n not in taken), None)
    return render_template(
        "advisory/admin/bundle.html", round=round_, form=form, points=queries.note_points(round_),
        proposals=queries.ranked_proposals(round_),
    )


@bp.route("/beheer/adviesrondes/<slug>/punten/<int:point_id>", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def admin_point(slug: str, point_id: int):
    round_ = round_or_404(slug)
    point = db.session.get(AmbitionPoint, point_id)
    if point is None or point.round_id != round_.id:
        abort(404)
    action = request.form.get("action")
    point_form = PointForm(prefix="point", data={
        "number": point.number, "title": point.title, "vision": point.vision,
        "targets": ", ".join(point.target_codes),
    })
    sub_form = SubThemeForm(prefix="sub")
    rec_form = RecommendationForm(prefix="rec")
    rec_form.sub_theme.choices = [(s.id, s.title or _("(no title)")) for s in point.sub_themes]
    try:
        if action == "point" and point_form.validate_on_submit():
            codes = services.parse_target_codes(point_form.targets.data or "")
            services.save_point(round_, point_form.number.data, point_form.title.data, point_form.vision.data or "",
                                point)
            services.set_point_targets(point, codes)
            message = _("Ambition point %(number)d is saved.", number=point.number)
        elif action == "sub" and sub_form.validate_on_submit():
            services.add_sub_theme(point, sub_form.sub_title.data)
            message = _("The CONCREET section is added.")
        elif action == "rec" and rec_form.validate_on_submit():
            sub_theme = next(s for s in point.sub_themes if s.id == rec_form.sub_theme.data)
            services.add_recommendation(sub_theme, rec_form.text.data)
            message = _("The recommendation is added.")
        elif action == "remove":
            services.remove_from_point(point, request.form.get("kind", ""),
                                       request.form.get("item", -1, type=parse_int))
            message = _("The item is removed.")
        else:
            message = None
    except services.AdvisoryError as error:
        db.session.rollback()
        if action in ("point", "sub", "rec"):
            {"point": point_form, "sub": sub_form, "rec": rec_form}[action].form_errors.append(str(error))
        else:
            flash(str(error), "error")
        message = None
    if message:
        db.session.commit()
        flash(message, "success")
        return redirect(url_for("advisory.admin_point", slug=slug, point_id=point_id))
    return render_template(
        "advisory/admin/point.html", round=round_, point=point, point_form=point_form, sub_form=sub_form,
        rec_form=rec_form, editable=round_.step == "bundling", user=current_user,
    )
