"""Who may do what with the SDGs: one function per permission, read by services, views and (as booleans
the view hands in) templates."""

from participation.access import ADMINISTRATOR
from participation.ideas.rules import is_moderator, is_signed_in


def can_edit_statement(user) -> bool:
    """The city's sentence on a goal speaks for the city: administrators write it."""
    return is_signed_in(user) and user.has_role(ADMINISTRATOR)


def can_link_ideas(user) -> bool:
    """Moderators (and administrators) link ideas to targets and answer the suggester."""
    return is_moderator(user)
