"""Write plan_example.csv (and the demo's plan.csv) from the city's progress report, seed 000.

The report is a Power BI export turned into text: per SDG a budget table (per action plan and the goal's
own totals) and task pages listing, under each action ("02 Een brugfiguur …"), its tasks
("D01/AP01/02| Brugfiguurwerking"), each with its status and explanation of 2023KW1. The task pages are
read here; the explanations are matched to their tasks by the non-breaking spaces the export writes for
every cell (one more at the first task of each action), exactly as the status column is. The budget
tables are transcribed below: the export scatters their columns, so they were read by hand and are
checked against the report's totals when this script runs.

    python tests/plan/data/make_report_csv.py ../shared/seeds/000_b8611e86d210b3c6.txt
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO = HERE.parents[2] / "participation" / "demo" / "harelbeke" / "plan.csv"

NBSP = "\xa0"
_SDG = re.compile(r"^\s*(?:Power BI DesktopSGD Omschrijving)?\s*SDG (\d\d):")
_CODE = re.compile(r"^(D(\d\d)/AP(\d\d)/(\d\d))\s*\|\s*(.*)$")
_ACTION = re.compile(r"^(\d\d) (\S.*)$")
_QUARTER = re.compile(r"^\d{4}KW\d$")
STATUSES = {"Niet gestart", "Bezig", "Voltooid", "Taak voltooid"}

# Goal per SDG, as the budget tables name it.
GOALS = {
    1: "Geen armoede", 2: "Geen honger", 3: "Goede gezondheid en welzijn", 4: "Kwaliteitsonderwijs",
    6: "Schoon water en sanitatie", 7: "Betaalbare en duurzame energie", 8: "Eerlijk werk en economische groei",
    10: "Iedereen telt mee", 11: "Duurzame steden en gemeenschappen", 13: "Klimaatactie", 15: "Leven op het land",
    16: "Vrede, veiligheid en sterke publieke diensten",
}
# The goal's own totals ("Totaal" row): expenses total, ordered; income total, received. None: blank.
GOAL_TOTALS = {
    1: (5_333, 3_433, None, None), 2: (28_000, 5_521, None, None), 3: (7_035_739, 2_489_310, 60_970, 30_719),
    4: (107_103, 2_657, 36_788, 1_122), 6: (3_052_501, 2_253_056, 2_296_690, None),
    7: (664_426, 426_196, 464_599, None), 8: (187_410, 73_524, 6_000, None),
    10: (601_360, 162_325, 189_679, 113_452), 11: (2_918_926, 1_437_910, 1_456_419, 117_797),
    13: (3_053_386, 779_494, 1_512_438, 9_178), 15: (227_225, None, None, None), 16: (5_334_455, 1_558_008, 0, None),
}
# Per action plan: label, expenses total, ordered, income total, received, tasks counted ("# Taken").
PLANS = {
    (1, "01"): ("Gezinsarmoede", None, None, None, None, 1),
    (1, "02"): ("Juridische eerstelijnsbijstand", 5_333, 3_433, None, None, 2),
    (2, "01"): ("Warme maaltijd", 28_000, 5_521, None, None, 1),
    (2, "02"): ("Duurzame landbouw", None, None, None, None, 1),
    (3, "01"): ("Betaalbare en toegankelijke kinderopvang", 55_325, 41_566, 60_970, 2_001, 4),
    (3, "02"): ("Welzijn en de gezondheid optimaliseren", 48_389, 7_850, None, None, 8),
    (3, "03"): ("Geïntegreerd vrijetijdsbeleid", 71_276, 17_610, None, None, 6),
    (3, "04"): ("Project VT2035", 347_462, 37_391, None, None, 2),
    (3, "05"): ("Huisvesting verenigingsleven", 2_029_797, 877_802, None, None, 2),
    (3, "06"): ("Kwalitatieve ouderenzorg", 4_483_489, 1_507_091, 0, 28_718, 1),
    (4, "01"): ("Gelijke onderwijskansen", 47_059, 2_232, 9_788, 1_122, 4),
    (4, "02"): ("Levenslang leren", 60_045, 426, 27_000, None, 1),
    (6, "01"): ("Zoneringsplan", 3_040_001, 2_253_056, 2_296_690, None, 10),
    (6, "03"): ("Opvang en hergebruik van regenwater", None, None, None, None, 1),
    (6, "04"): ("Ruimte voor waterbuffering", 12_500, None, None, None, 1),
    (6, "05"): ("Waterzuiveringsinstallatie Eenhana", None, None, None, None, 1),
    (6, "06"): ("Integraal waterbeheer", None, None, None, None, 1),
    (7, "01"): ("Voetafdruk verduurzamen", 555_866, 332_036, 214_599, None, 3),
    (7, "02"): ("Voetafdruk verkleinen", 108_560, 94_160, 250_000, None, 2),
    (8, "01"): ("Aantrekkelijk winkelgebied", 66_000, 5_780, None, None, 1),
    (8, "02"): ("Handel en horeca", 51_500, 48_952, None, None, 2),
    (8, "03"): ("Ondernemingsvriendelijk klimaat", 27_910, 14_322, None, None, 4),
    (8, "05"): ("Samenwerking reguliere en sociale economie", 42_000, 4_470, 6_000, None, 3),
    (10, "01"): ("Fiere en betrokken bewoners", 377_100, 17_802, 1_500, None, 5),
    (10, "02"): ("Vrijetijdsparticipatie", 90_960, 46_949, 15_679, 149, 6),
    (10, "03"): ("Publieke dienstverlening HvW", 133_300, 97_574, 172_500, 113_303, 6),
    (11, "01"): ("Levendig en aantrekkelijk stadscentrum", 491_149, 305_534, 149_000, None, 3),
    (11, "02"): ("Kwalitatieve, veilige en betaalbare huisvesting", 407_104, 80_482, 738_846, 117_797, 12),
    (11, "03"): ("Aangename woonwijken", 400_307, 33_089, 40_000, None, 6),
    (11, "04"): ("Duurzame vervoerssystemen", 1_620_366, 1_018_804, 528_573, None, 10),
    (13, "01"): ("Ruimteneutraal in bestemmingen en ruimtebeslag", 366_935, 237_745, 117_980, None, 5),
    (13, "02"): ("Nadelige milieu impact reduceren", 2_457_614, 468_347, 1_300_032, 9_178, 4),
    (13, "03"): ("Klimaatadaptatie", 110_964, 52_448, None, None, 2),
    (13, "04"): ("CO2-reductie en energiebesparing", 117_873, 20_955, 94_426, None, 3),
    (15, "01"): ("Verlies aan biodiversiteit stoppen", 3_400, None, None, None, 3),
    (15, "02"): ("Stad vergroenen", 223_825, None, None, None, 5),
    (15, "03"): ("Project rivierherstel", None, None, None, None, 1),
    # SDG 16's table has only the goal's row: its action plans have no label and no budget of their own.
    (16, "01"): ("", None, None, None, None, 8),
    (16, "02"): ("", None, None, None, None, 21),
    (16, "03"): ("", None, None, None, None, 2),
}
# Tasks whose lines carry no code in the report (SDG 01's AP02 and SDG 02): the code is the goal, action
# plan and action number the report prints; titles, statuses and explanations are the report's.
UNCODED = [
    (1, "02", "01", "In samenwerking met VZW Schuldbemiddeling juridische eerstelijnsbijstand organiseren in het "
     "Huis van Welzijn", "Juridische eerstelijnsbijstand in HvW", "Bezig",
     "Er wordt vanaf 2023 gebruik gemaakt van een agenda om afspraken in te boeken bij de eerstelijns juridische "
     "dienst. Deze nieuwe werkwijze werpt zijn vruchten af (lichte stijging van het aantal afspraken)"),
    (1, "02", "02", "Ondersteuning zelfstandigen in moeilijkheden via samenwerkingsovereenkomst met DYZO",
     "Ondersteuning zelfstandigen ism DYZO", "Bezig",
     "Er wordt samengewerkt met DYZO in verschillende dossiers. De samenwerking met DYZO werd geëvalueerd op "
     "9/3/2023. Uit deze evaluatie bleek dat recent een reorganisatie binnen DYZO plaatsvond. Dit zou ervoor moeten "
     "zorgen dat de aanmeldingen vlugger kunnen behandeld worden."),
    (2, "01", "01", "Een financiële ondersteuningsvorm ontwikkelen voor warme schoolmaaltijden voor MIA's",
     "Warme schoolmaaltijden Mia's", "Voltooid", "voltooid in 2021"),
    (2, "02", "01", "We promoten duurzame landbouw", "Duurzame landbouw promoten", "Bezig",
     "Geen specifieke projecten."),
]
# Action plans without a task page: their title is their label.
PLAN_TITLES = {(6, "06"): "Integraal waterbeheer"}

HEADER = [
    "SDG", "Beleidsdoelstelling code", "Beleidsdoelstelling", "Beleidsdoelstelling uitgaven totaal",
    "Beleidsdoelstelling besteld", "Beleidsdoelstelling ontvangsten totaal", "Beleidsdoelstelling ontvangen",
    "Actieplan code", "Actieplan", "Actieplan label", "Uitgaven totaal", "Besteld", "Ontvangsten totaal",
    "Ontvangen", "Taken volgens rapport", "Actie code", "Actie", "Taak", "Kwartaal", "Status", "Toelichting",
]


def euros(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,} €".replace(",", ".")


def joined(first: str, second: str) -> str:
    """Two lines of the report as one text; a word broken by a hyphen at the end of a line is joined."""
    return first + second if first.endswith("-") else f"{first} {second}"


def is_nbsp(line: str) -> bool:
    return line.startswith(NBSP) and not line.strip(NBSP + " ")


def pages(lines: list[str]) -> list[tuple[int, list[str]]]:
    found: list[tuple[int, list[str]]] = []
    for line in lines:
        if match := _SDG.match(line):
            found.append((int(match[1]), []))
        elif found:
            found[-1][1].append(line)
    return found


def task_page(sdg: int, lines: list[str], titles: dict) -> list[dict]:
    """The tasks of one task page, with status and explanation."""
    start = next(i for i, line in enumerate(lines) if re.match(r"^AP\d\d ", line))
    heading = []
    for line in lines[start:]:
        if line.startswith("TAKEN ("):
            break
        heading.append(line.strip())
    titles.setdefault((sdg, lines[start][2:4]), " ".join(" ".join(heading)[5:].split()))
    body = lines[next(i for i, line in enumerate(lines) if "Toelichting" in line) + 1:]
    items, description, current, index = [], [], None, 0
    while index < len(body):
        line = body[index].strip()
        if is_nbsp(body[index]) or line in STATUSES:
            break
        if _QUARTER.match(line) and current is not None:
            items.append(current)
            current = None
        elif match := _CODE.match(line):
            current = {"code": match[1], "ap": match[3], "title": [match[5]], "action": " ".join(description)}
        elif current is not None and line:
            current["title"].append(line)
        elif (match := _ACTION.match(line)) and current is None:
            description = [match[2]]
            while index + 1 < len(body) and body[index + 1].strip() and not _CODE.match(body[index + 1].strip()):
                index += 1
                description[-1:] = [joined(description[-1], body[index].strip())]
        index += 1
    if not items:
        return []
    statuses, prefixes, count = [], [], 0
    while index < len(body) and len(statuses) < len(items):
        line = body[index]
        if line.strip() in STATUSES:
            statuses.append(line.strip())
            prefixes.append(count)
            count = 0
        elif is_nbsp(line):
            count += 1
        index += 1
    tokens: list[str | None] = []
    for line in body[index:]:
        if re.match(r"^\s*TAKEN \(\d+\)", line) or line.startswith("Power BI"):
            break
        if not line or line.strip() in ("\ue115", "\ue116"):
            continue
        if is_nbsp(line):
            tokens.append(None)
        elif tokens and tokens[-1] is not None:
            tokens[-1] += ("" if tokens[-1].endswith("-") else " ") + line.strip()
        else:
            tokens.append(line.strip())
    cells, position = [], 0
    for prefix in prefixes:
        taken = 0
        while taken < prefix and position < len(tokens) and tokens[position] is None:
            taken, position = taken + 1, position + 1
        if position < len(tokens) and tokens[position] is not None:
            cells.append(tokens[position])
            position += 1
        else:
            position += 1
            cells.append("")
    if position < len(tokens):
        raise ValueError(f"SDG {sdg}: explanations left over on a page: {tokens[position:]}")
    for item, status, explanation in zip(items, statuses, cells, strict=True):
        item["title"] = " ".join(" ".join(item["title"]).split())
        action = " ".join(item["action"].split())
        item["action"] = action.replace("Participatie- initiatieven", "Participatie-initiatieven")
        item.update(sdg=sdg, status=status, explanation=" ".join(explanation.split()))
    return items


def read_report(path: Path) -> tuple[list[dict], dict]:
    lines = path.read_text(encoding="utf-8").split("\n")
    tasks: dict[tuple[str, str], dict] = {}
    titles: dict = {}
    for sdg, page in pages(lines):
        if "TAKEN" not in [line.strip() for line in page[:4]]:
            continue
        for task in task_page(sdg, page, titles):
            tasks.setdefault((task["code"], task["title"]), task)
    for sdg, plan, number, action, title, status, explanation in UNCODED:
        code = f"D{sdg:02d}/AP{plan}/{number}"
        tasks[code, title] = {"code": code, "ap": plan, "title": title, "action": action, "sdg": sdg,
                              "status": status, "explanation": explanation}
    return sorted(tasks.values(), key=lambda t: (t["sdg"], t["code"])), titles


def check(tasks: list[dict]) -> None:
    """Every shown task count and budget agrees with the report's tables."""
    for sdg, (expenses, ordered, income, received) in GOAL_TOTALS.items():
        plans = [figures for (number, _), figures in PLANS.items() if number == sdg]
        for position, total in ((1, expenses), (2, ordered), (3, income), (4, received)):
            given = [plan[position] for plan in plans if plan[position] is not None]
            if given and total is not None and abs(sum(given) - total) > 1:
                raise ValueError(f"SDG {sdg}: action plans add up to {sum(given)}, the report says {total}")
    for (sdg, plan), figures in PLANS.items():
        shown = sum(1 for task in tasks if task["sdg"] == sdg and task["ap"] == plan)
        if shown > figures[5]:
            raise ValueError(f"SDG {sdg} AP{plan}: {shown} tasks shown, {figures[5]} counted")


def main(seed: Path, targets: list[Path]) -> None:
    tasks, titles = read_report(seed)
    check(tasks)
    rows = []
    plans_with_tasks = {(task["sdg"], task["ap"]) for task in tasks}
    for (sdg, plan), (label, *amounts, counted) in sorted(PLANS.items()):
        goal = [str(sdg), f"D{sdg:02d}", GOALS[sdg], *map(euros, GOAL_TOTALS[sdg])]
        plan_cells = [f"AP{plan}", titles.get((sdg, plan)) or PLAN_TITLES[(sdg, plan)], label,
                      *map(euros, amounts), str(counted)]
        if (sdg, plan) not in plans_with_tasks:
            rows.append([*goal, *plan_cells, "", "", "", "", "", ""])
        for task in (t for t in tasks if t["sdg"] == sdg and t["ap"] == plan):
            rows.append([*goal, *plan_cells, task["code"], task["action"], task["title"], "2023KW1",
                         task["status"], task["explanation"]])
    for target in targets:
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(rows)
    print(f"{len(tasks)} tasks, {len(rows)} rows")


if __name__ == "__main__":
    main(Path(sys.argv[1]), [HERE / "plan_example.csv", DEMO])
