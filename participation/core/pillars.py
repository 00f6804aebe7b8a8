"""The five pillars (People, Planet, Prosperity, Peace, Partnership) that group the 17 SDGs.

They are the UN's, the same for every city: ideas are filed under them as themes.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Pillar:
    key: str
    label: object
    goals: tuple[int, ...]


PILLARS = (
    Pillar("people", _l("People"), (1, 2, 3, 4, 5)),
    Pillar("planet", _l("Planet"), (6, 12, 13, 14, 15)),
    Pillar("prosperity", _l("Prosperity"), (7, 8, 9, 10, 11)),
    Pillar("peace", _l("Peace"), (16,)),
    Pillar("partnership", _l("Partnership"), (17,)),
)
PILLAR_KEYS = tuple(p.key for p in PILLARS)
BY_KEY = {p.key: p for p in PILLARS}


def pillar_label(key: str | None) -> str:
    pillar = BY_KEY.get(key or "")
    return str(pillar.label) if pillar else ""


def pillar_of_goal(number: int) -> Pillar | None:
    return next((p for p in PILLARS if number in p.goals), None)
