"""Administration of the indicators: import from CSV with a dry run, edit one, delete one."""

import base64
import binascii

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from participation.access import ADMINISTRATOR, access
from participation.extensions import db
from participation.indicators import bp, csvfile, forms, services
from participation.indicators.models import Indicator

MAX_BYTES = 2 * 1024 * 1024


@bp.route("/beheer/indicatoren", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def manage():
    form = forms.ImportForm()
    report = checked = None
    if form.validate_on_submit():
        data = _uploaded_file(form)
        if data is not None:
            report = services.import_indicators(data, dry_run=not form.save.data)
            if report.applied:
                db.session.commit()
                flash(_("The indicators are imported."), "success")
            else:
                db.session.rollback()
                if report.errors:
                    flash(_("The file was not imported: nothing was changed."), "error")
                elif report.has_changes:
                    checked = base64.b64encode(data).decode()
    return render_template(
        "indicators/manage.html", form=form, report=report, checked=checked, indicators=services.all_indicators(),
        columns=csvfile.COLUMNS, required=csvfile.REQUIRED_COLUMNS, kind_labels=services.KIND_LABELS,
        state_labels=services.STATE_LABELS,
    )


def _uploaded_file(form: forms.ImportForm) -> bytes | None:
    if form.file.data:
        data = form.file.data.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            form.file.errors.append(_("The file is larger than %(mb)s MB.", mb=2))
            return None
        return data
    if form.save.data and form.checked.data:
        try:
            return base64.b64decode(form.checked.data, validate=True)
        except (binascii.Error, ValueError):
            pass
    form.file.errors.append(_("Choose the file to import."))
    return None


@bp.route("/beheer/indicatoren/<int:indicator_id>", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def edit(indicator_id: int):
    indicator = db.session.get(Indicator, indicator_id) or abort(404)
    form = forms.IndicatorForm(obj=indicator)
    if not form.is_submitted():
        form.values.entries.clear()
        for value in indicator.values:
            form.values.append_entry({
                "year": value.year, "value": services.format_value(value.value), "kind": value.kind,
                "flemish_average": services.format_value(value.flemish_average), "note": value.note,
            })
        for _blank in range(2):
            form.values.append_entry()
    if form.validate_on_submit():
        values = [
            {"year": entry.year.data, "value": entry.value.number, "kind": entry.kind.data,
             "flemish_average": entry.flemish_average.number, "note": entry.note.data}
            for entry in form.values
            if entry.year.data is not None and entry.value.number is not None
        ]
        meta = {name: getattr(form, name).data for name in services.META_FIELDS if name != "target_code"}
        meta["target_code"] = (form.target_code.data or "").strip() or None
        try:
            services.save_indicator(indicator, meta, values)
        except services.IndicatorError as error:
            db.session.rollback()
            if error.field == "values":
                flash(str(error), "error")
            else:
                getattr(form, error.field).errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The indicator is saved."), "success")
            return redirect(url_for("indicators.edit", indicator_id=indicator.id))
    return render_template("indicators/edit.html", indicator=indicator, form=form, delete_form=forms.DeleteForm())


@bp.route("/beheer/indicatoren/<int:indicator_id>/verwijderen", methods=["POST"])
@access(ADMINISTRATOR)
def delete(indicator_id: int):
    indicator = db.session.get(Indicator, indicator_id) or abort(404)
    if not forms.DeleteForm().validate_on_submit():
        flash(_("Tick the box to confirm."), "error")
        return redirect(url_for("indicators.edit", indicator_id=indicator.id))
    db.session.delete(indicator)
    db.session.commit()
    flash(_("The indicator “%(name)s” is deleted.", name=indicator.name), "success")
    return redirect(url_for("indicators.manage"))
