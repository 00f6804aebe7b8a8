"""Who may do what with the multi-year plan: one function per permission, read by views and (as booleans
the view hands in) templates."""

from participation.ideas.rules import is_administrator, is_moderator


def can_manage_plan(user) -> bool:
    """Administrators import the plan and add quarterly updates and SDG targets to its actions."""
    return is_administrator(user)


def can_link_ideas(user) -> bool:
    """Moderators (and administrators) link ideas to the actions that carry them out."""
    return is_moderator(user)
