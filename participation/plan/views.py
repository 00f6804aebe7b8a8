from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from participation.access import ADMINISTRATOR, MODERATOR, PUBLIC, access
from participation.extensions import db
from participation.ideas.models import Idea
from participation.mail.services import flush_log_backend
from participation.numbers import parse_int
from participation.page_parts import render_shared
from participation.plan import bp, forms, queries, rules, services, uploads
from participation.plan.importer import KIND_LABELS, STATE_LABELS, import_plan
from participation.plan.models import ActionPlan, PlanAction
from participation.plan.spreadsheet import COLUMNS, REQUIRED_COLUMNS, Quarter, Status


def partners_by_task(task_ids: list[int]) -> dict:
    """The partners each task names (imported here: the partners feature builds on the plan)."""
    from participation.partners.queries import partners_by_task as by_task

    return by_task(task_ids)


def _action_or_404(code: str) -> PlanAction:
    action = queries.action_by_code(code)
    if action is None:
        abort(404)
    return action


# The public tracker --------------------------------------------------------------------------------------


@bp.route("/plan")
@access(PUBLIC)
def index():
    query = request.args.get("q", "").strip()
    found = None
    if query:
        page = request.args.get("page", 1, type=parse_int)
        found = queries.search_actions(query, page, current_app.config["PER_PAGE"])
    summaries = queries.sdg_summaries()
    return render_template(
        "plan/index.html", summaries=summaries, chapters=queries.chapter_summaries(summaries), query=query,
        found=found, can_manage_plan=rules.can_manage_plan(current_user),
    )


@bp.route("/plan/sdg/<int:number>")
@access(PUBLIC)
def sdg(number: int):
    """The same for every viewer: its content is kept for signed-in people too (`page_parts.render_shared`)."""
    if not 1 <= number <= 17:
        abort(404)
    return render_shared("plan/sdg.html", "everyone", lambda: _sdg_page(number))


def _sdg_page(number: int) -> dict:
    goals = queries.goals_with_actions(number)
    summaries = queries.sdg_summaries(number, goals)
    goal_budgets = {goal.id: queries.goal_budget(goal, goal.action_plans) for goal in goals}
    task_ids = [task.id for goal in goals for plan in goal.action_plans for action in plan.actions
                for task in action.tasks]
    return dict(number=number, summary=summaries[0] if summaries else None, goals=goals,
                goal_budgets=goal_budgets, task_partners=partners_by_task(task_ids))


@bp.route("/plan/acties/<path:code>")
@access(PUBLIC)
def action(code: str):
    action = _action_or_404(code)
    ideas = queries.ideas_of_action(action, current_user)
    return render_template(
        "plan/action.html", action=action, ideas=ideas, can_manage_plan=rules.can_manage_plan(current_user),
        task_partners=partners_by_task([task.id for task in action.tasks]),
    )


# Administration -----------------------------------------------------------------------------------------


@bp.route("/beheer/plan", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def import_file():
    form = forms.ImportForm()
    report = None
    checked = None
    if form.validate_on_submit():
        data = _uploaded_file(form)
        if data is not None:
            dry_run = not form.save.data
            report = import_plan(data, dry_run=dry_run, author=current_user)
            if report.applied:
                db.session.commit()
                uploads.discard(form.checked.data)
                flush_log_backend()
                flash(_("The plan is imported."), "success")
            else:
                db.session.rollback()
                if report.errors:
                    flash(_("The file was not imported: nothing was changed."), "error")
                elif report.has_changes:
                    checked = uploads.keep(data)
    return render_template(
        "plan/admin_import.html",
        form=form,
        report=report,
        checked=checked,
        columns=COLUMNS,
        required=REQUIRED_COLUMNS,
        limits={
            "rows": f"{current_app.config['PLAN_IMPORT_MAX_ROWS']:,}".replace(",", "."),
            "unpacked_mb": current_app.config["PLAN_IMPORT_MAX_UNPACKED_MB"],
        },
        kind_labels=KIND_LABELS,
        state_labels=STATE_LABELS,
    )


def _uploaded_file(form: forms.ImportForm) -> bytes | None:
    """The chosen file, or the file checked by the dry run when "Import" follows it; errors on the form."""
    megabytes = current_app.config["PLAN_UPLOAD_MAX_MB"]
    limit = megabytes * 1024 * 1024
    if form.file.data:
        data = form.file.data.read(limit + 1)
        if len(data) > limit:
            form.file.errors.append(_("The file is larger than %(mb)s MB.", mb=megabytes))
            return None
        return data
    if form.save.data and form.checked.data:
        data = uploads.read(form.checked.data)
        if data is not None:
            return data
        form.file.errors.append(_("The checked file is no longer kept: choose it again."))
        return None
    form.file.errors.append(_("Choose the file to import."))
    return None


@bp.route("/beheer/plan/acties/<path:code>", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def manage_action(code: str):
    action = _action_or_404(code)
    update_form = forms.StatusUpdateForm(prefix="update")
    update_form.task.choices = [(task.id, f"{task.title} ({task.status_label or '–'})") for task in action.tasks]
    targets_form = forms.TargetsForm(prefix="targets")
    if request.method == "GET":
        latest = services.latest_update(action)
        update_form.year.data = latest.year if latest else None
        update_form.quarter.data = latest.quarter if latest else 1
        first = action.tasks[0] if action.tasks else None
        update_form.task.data = first.id if first else None
        update_form.status.data = (first.status if first else None) or Status.NOT_STARTED.value
        targets_form.targets.data = ", ".join(t.target_code for t in action.targets)
    elif update_form.submit_update.data and update_form.validate_on_submit():
        task = next(task for task in action.tasks if task.id == update_form.task.data)
        news = services.record_status_update(
            task,
            Quarter(update_form.year.data, update_form.quarter.data),
            Status(update_form.status.data),
            update_form.explanation.data or "",
            current_user,
        )
        mails = services.notify_followers([news] if news else [])
        db.session.commit()
        flush_log_backend()
        flash(_("The quarterly update is saved."), "success")
        if mails:
            told = ngettext("%(num)d follower is told by mail.", "%(num)d followers are told by mail.", mails)
            flash(told, "success")
        return redirect(url_for("plan.manage_action", code=action.code))
    elif targets_form.submit_targets.data and targets_form.validate_on_submit():
        try:
            codes = services.parse_target_codes(targets_form.targets.data or "")
        except services.PlanError as error:
            targets_form.targets.errors.append(str(error))
        else:
            services.set_targets(action, codes)
            db.session.commit()
            flash(_("The SDG targets of the action are saved."), "success")
            return redirect(url_for("plan.manage_action", code=action.code))
    return render_template(
        "plan/admin_action.html", action=action, update_form=update_form, targets_form=targets_form
    )


# Linking an idea to the action that carries it out ------------------------------------------------------


def _idea_or_404(idea_id: int) -> Idea:
    return db.get_or_404(Idea, idea_id)


def _link_page(idea: Idea, new_form: forms.NewActionForm, status: int = 200):
    query = request.args.get("q", "").strip()
    page = queries.search_actions(query, request.args.get("page", 1, type=parse_int), current_app.config["PER_PAGE"])
    linked = queries.actions_for_idea(idea.id)
    return render_template(
        "plan/link_idea.html",
        idea=idea,
        linked=linked,
        linked_ids={action.id for action in linked},
        page=page,
        query=query,
        new_form=new_form,
        is_linkable=idea.status in services.LINKABLE_STATUSES,
    ), status


def _new_action_form() -> forms.NewActionForm:
    form = forms.NewActionForm(prefix="new")
    form.action_plan.choices = [(0, _("Choose an action plan"))] + [
        (plan.id, f"{plan.goal.code} {plan.code} · {plan.short_title}") for plan in queries.action_plans()
    ]
    return form


@bp.route("/ideeen/<int:idea_id>/actie", methods=["GET", "POST"])
@access(MODERATOR)
def link_idea(idea_id: int):
    idea = _idea_or_404(idea_id)
    new_form = _new_action_form()
    if request.method == "POST":
        action = db.session.get(PlanAction, request.form.get("action_id", type=parse_int) or 0)
        if action is None:
            abort(404)
        try:
            linked = services.link_idea(idea, action, current_user)
        except services.PlanError as error:
            flash(str(error), "error")
            return _link_page(idea, new_form, 422)
        db.session.commit()
        if linked:
            flash(_("The idea is linked to %(code)s.", code=action.code), "success")
        else:
            flash(_("The idea was already linked to %(code)s.", code=action.code), "success")
        return redirect(url_for("plan.link_idea", idea_id=idea.id))
    return _link_page(idea, new_form)


@bp.route("/ideeen/<int:idea_id>/actie/nieuw", methods=["POST"])
@access(MODERATOR)
def new_action(idea_id: int):
    idea = _idea_or_404(idea_id)
    form = _new_action_form()
    if form.validate_on_submit():
        action_plan = db.session.get(ActionPlan, form.action_plan.data)
        if action_plan is None:
            form.action_plan.errors.append(_("Choose an action plan."))
        else:
            try:
                action = services.create_action(
                    action_plan, form.code.data, form.title.data, form.description.data or ""
                )
                services.link_idea(idea, action, current_user)
            except services.PlanError as error:
                db.session.rollback()
                form.form_errors.append(str(error))
                return _link_page(idea, form, 422)
            db.session.commit()
            flash(_("The action %(code)s is created and the idea is linked to it.", code=action.code), "success")
            return redirect(url_for("plan.link_idea", idea_id=idea.id))
    return _link_page(idea, form, 422)


@bp.route("/ideeen/<int:idea_id>/actie/<int:action_id>/ontkoppelen", methods=["POST"])
@access(MODERATOR)
def unlink_idea(idea_id: int, action_id: int):
    idea = _idea_or_404(idea_id)
    action = db.get_or_404(PlanAction, action_id)
    if services.unlink_idea(idea, action):
        db.session.commit()
        flash(_("The idea is no longer linked to %(code)s.", code=action.code), "success")
    return redirect(url_for("plan.link_idea", idea_id=idea.id))
