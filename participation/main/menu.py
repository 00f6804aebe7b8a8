"""What the menu offers the viewer beyond the public sections, decided once per page (the layout shows it)."""

from dataclasses import dataclass

from participation.ideas.rules import is_administrator, is_moderator


@dataclass(frozen=True)
class StaffTools:
    moderates: bool  # the screening queue and the reported comments
    administers: bool  # processes, users and exports


def staff_tools(user) -> StaffTools:
    return StaffTools(moderates=is_moderator(user), administers=is_administrator(user))
