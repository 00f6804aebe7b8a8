"""Who may do what with the SDGs: one function per permission, read by services, views and (as booleans
the view hands in) templates."""

from participation.ideas.rules import is_administrator, is_moderator


def can_edit_statement(user) -> bool:
    """The city's sentence on a goal speaks for the city: administrators write it."""
    return is_administrator(user)


def can_link_ideas(user) -> bool:
    """Moderators (and administrators) link ideas to targets and answer the suggester."""
    return is_moderator(user)
