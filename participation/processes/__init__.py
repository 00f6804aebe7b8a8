from flask import Blueprint

bp = Blueprint("processes", __name__)

from participation.processes import invitation_views, views  # noqa: E402,F401


@bp.app_context_processor
def inject_labels():
    from participation.processes.services import AUDIENCE_LABELS, INVITATION_STATE_LABELS, PHASE_LABELS

    return {"audience_labels": AUDIENCE_LABELS, "phase_labels": PHASE_LABELS,
            "invitation_state_labels": INVITATION_STATE_LABELS}


@bp.record_once
def _register(state) -> None:
    from participation.accounts.personal_data import register_collector, register_eraser
    from participation.partners import signals
    from participation.processes import invitations

    signals.processes_of_partner.connect(invitations.processes_of_partner)
    signals.process_counts.connect(invitations.process_counts)
    register_collector("partner_invitations", invitations.personal_invitations)
    register_eraser(invitations.forget_invitations)
