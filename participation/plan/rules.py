"""Who may do what with the multi-year plan: one function per permission, read by views and (as booleans
the view hands in) templates."""

from participation.access import ADMINISTRATOR
from participation.ideas.rules import is_signed_in


def can_manage_plan(user) -> bool:
    """Administrators import the plan and add quarterly updates and SDG targets to its actions."""
    return is_signed_in(user) and user.has_role(ADMINISTRATOR)
