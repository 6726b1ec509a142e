"""Demo kartläggning: seed 003's real figures for the six nordost municipalities.

Arbetsförmedlingen's and the municipalities' figures are from August 2020, the population from
SCB in December 2019 (rounded to the nearest hundred, as the seed says), and the labour demand
from Arbetsförmedlingen's job ads on 18 October 2020. The figures are stored as the seed prints
them, including where they do not add up (Danderyd's försörjningsstöd: 113 persons "varav 58
kvinnor och 57 män"); the snapshot page points such places out.
"""

import datetime

from samverkan.models import Party

from ..models import LabourDemandRow, LabourDemandSnapshot, OccupationalArea, StatisticsSnapshot
from .computations import PROGRAMME_FIELDS, statistics_snapshot_save

MEASURED_ON = datetime.date(2020, 8, 31)
POPULATION_ON = datetime.date(2019, 12, 31)
DEMAND_ON = datetime.date(2020, 10, 18)
SOURCE = (
    "Arbetsförmedlingen och kommunen, augusti 2020; SCB, december 2019 (Bilaga 1 till "
    "nordostöverenskommelsen)"
)
DEMAND_SOURCE = "Platsannonser på Arbetsförmedlingen den 18 oktober 2020 (tio största yrkesområden)"

E, J, Y, OA, F = (
    "establishment",
    "job_guarantee",
    "youth_guarantee",
    "open_unemployed",
    "income_support",
)


def _f(total, women, men, unknown=None, short=None, duty=None, no_insurance=None):
    return {
        "total": total,
        "women": women,
        "men": men,
        "unknown": unknown,
        "short_educated": short,
        "education_duty": duty,
        "no_insurance_info": no_insurance,
    }


# code: (name, population, as the text says it, {programme: counts}, {programme: (w, m, total)})
STATISTICS = {
    "0162": (
        "Danderyd",
        32900,
        "ca 32 900",
        {
            E: _f(78, 30, 48, short=48, duty=25),
            J: _f(99, 49, 50, short=22),
            Y: _f(7, 3, 4, short=3),
            OA: _f(565, 291, 274, short=41, no_insurance=265),
            F: _f(113, 58, 57),
        },
        {OA: (8, 14, 22), J: (4, 8, 12), E: (0, 1, 1), Y: (None, None, 0)},
    ),
    "0188": (
        "Norrtälje",
        62600,
        "drygt 62 600",
        {
            E: _f(108, 59, 49, short=69, duty=53),
            J: _f(367, 172, 195, short=144),
            Y: _f(74, 30, 44, short=22),
            OA: _f(1175, 531, 644, short=300, no_insurance=630),
            F: _f(297, 123, 174),
        },
        {OA: (38, 59, 97), J: (41, 52, 93), E: (0, 0, 0), Y: (2, 1, 3)},
    ),
    "0160": (
        "Täby",
        71900,
        "ca 71 900",
        {
            E: _f(74, 32, 42, short=41, duty=16),
            J: _f(190, 93, 97, short=42),
            Y: _f(53, 19, 34, short=13),
            OA: _f(1412, 680, 732, short=145, no_insurance=684),
            F: _f(235, 83, 147, unknown=5),
        },
        {OA: (19, 34, 53), J: (21, 20, 41), E: (0, 0, 0), Y: (1, 10, 11)},
    ),
    "0115": (
        "Vallentuna",
        34100,
        "ca 34 100",
        {
            E: _f(68, 31, 37, short=39, duty=19),
            J: _f(105, 51, 54, short=38),
            Y: _f(42, 18, 24, short=6),
            OA: _f(648, 325, 323, short=97, no_insurance=333),
            F: _f(54, 19, 27, unknown=8),
        },
        {OA: (13, 18, 31), J: (11, 11, 22), E: (0, 0, 0), Y: (1, 1, 2)},
    ),
    "0187": (
        "Vaxholm",
        12000,
        "drygt 12 000",
        {
            E: _f(25, 7, 18, short=16, duty=11),
            J: _f(32, 13, 19, short=8),
            Y: _f(7, 1, 6, short=1),
            OA: _f(193, 89, 104, short=22, no_insurance=92),
            F: _f(65, 25, 40),
        },
        {OA: (4, 5, 9), J: (7, 1, 8), E: (0, 0, 0), Y: (None, 2, 2)},
    ),
    "0117": (
        "Österåker",
        45600,
        "ca 45 600",
        {
            E: _f(81, 40, 41, short=52, duty=34),
            J: _f(175, 79, 96, short=66),
            Y: _f(44, 16, 28, short=8),
            OA: _f(861, 388, 473, short=120, no_insurance=420),
            F: _f(112, 53, 59),
        },
        {OA: (20, 17, 37), J: (21, 16, 37), E: (0, 0, 0), Y: (2, 3, 5)},
    ),
}

A = OccupationalArea
# code: [(area, jobs, ads)] in the seed's order (the page ranks them itself, by jobs).
LABOUR_DEMAND = {
    "0162": [
        (A.HEALTH, 51, 39),
        (A.SALES, 40, 25),
        (A.CONSTRUCTION, 17, 5),
        (A.ADMINISTRATION, 13, 13),
        (A.EDUCATION, 7, 7),
        (A.CLEANING, 7, 7),
        (A.SOCIAL, 6, 6),
        (A.IT, 6, 5),
        (A.TRANSPORT, 6, 2),
        (A.INSTALLATION, 5, 5),
    ],
    "0188": [
        (A.HEALTH, 52, 35),
        (A.SALES, 33, 14),
        (A.SOCIAL, 28, 16),
        (A.EDUCATION, 24, 22),
        (A.TRANSPORT, 20, 7),
        (A.HOSPITALITY, 19, 11),
        (A.MANUFACTURING, 19, 5),
        (A.CLEANING, 8, 5),
        (A.INSTALLATION, 5, 5),
        (A.ADMINISTRATION, 3, 3),
    ],
    "0160": [
        (A.SALES, 106, 39),
        (A.HEALTH, 35, 26),
        (A.MANUFACTURING, 24, 5),
        (A.EDUCATION, 16, 13),
        (A.SOCIAL, 13, 11),
        (A.HOSPITALITY, 12, 10),
        (A.ADMINISTRATION, 11, 11),
        (A.CLEANING, 10, 7),
        (A.TRANSPORT, 10, 3),
        (A.CONSTRUCTION, 8, 5),
    ],
    "0115": [
        (A.EDUCATION, 16, 11),
        (A.SOCIAL, 14, 4),
        (A.SALES, 10, 7),
        (A.HOSPITALITY, 6, 3),
        (A.INSTALLATION, 5, 5),
        (A.TRANSPORT, 4, 1),
        (A.HEALTH, 3, 2),
        (A.ADMINISTRATION, 2, 2),
        (A.MANUFACTURING, 2, 1),
        (A.TECHNICAL, 1, 1),
    ],
    "0187": [
        (A.INSTALLATION, 9, 3),
        (A.CONSTRUCTION, 5, 2),
        (A.MANUFACTURING, 5, 2),
        (A.HEALTH, 4, 2),
        (A.SALES, 3, 3),
        (A.SOCIAL, 3, 3),
        (A.CLEANING, 2, 2),
        (A.HOSPITALITY, 1, 1),
        (A.TECHNICAL, 1, 1),
        (A.TRANSPORT, 1, 1),
    ],
    "0117": [
        (A.SOCIAL, 17, 10),
        (A.SALES, 12, 8),
        (A.HEALTH, 10, 10),
        (A.CONSTRUCTION, 10, 7),
        (A.EDUCATION, 9, 9),
        (A.CLEANING, 9, 4),
        (A.HOSPITALITY, 5, 1),
        (A.INSTALLATION, 4, 4),
        (A.TRANSPORT, 4, 4),
        (A.MANUFACTURING, 3, 3),
    ],
}


def _figures(counts, disability):
    figures = {}
    for programme, values in counts.items():
        values = dict(values)
        if programme in disability:
            women, men, total = disability[programme]
            values.update(disability_women=women, disability_men=men, disability_total=total)
        figures[programme] = {k: v for k, v in values.items() if _applies(programme, k)}
    return figures


def _applies(programme, name):
    return name in PROGRAMME_FIELDS[programme]


def load_statistics_demo(log) -> None:
    municipalities = {
        p.municipality_code: p
        for p in Party.objects.filter(
            kind=Party.Kind.MUNICIPALITY, municipality_code__in=STATISTICS
        )
    }
    for code, (name, population, note, counts, disability) in STATISTICS.items():
        municipality = municipalities.get(code)
        if municipality is None:
            log(f"kartläggning: ingen kommun med kommunkod {code} ({name}); hoppar över")
            continue
        snapshot, _created = StatisticsSnapshot.objects.get_or_create(
            municipality=municipality,
            measured_on=MEASURED_ON,
            defaults={
                "population": population,
                "population_on": POPULATION_ON,
                "population_note": note,
                "source_note": SOURCE,
            },
        )
        statistics_snapshot_save(snapshot=snapshot, figures=_figures(counts, disability), user=None)
        demand, _created = LabourDemandSnapshot.objects.get_or_create(
            municipality=municipality,
            measured_on=DEMAND_ON,
            defaults={"source_note": DEMAND_SOURCE},
        )
        wanted = {area: (jobs, ads) for area, jobs, ads in LABOUR_DEMAND[code]}
        existing = {row.area: row for row in demand.rows.all()}
        for area, (jobs, ads) in wanted.items():
            row = existing.get(area)
            if row is None:
                LabourDemandRow.objects.create(snapshot=demand, area=area, jobs=jobs, ads=ads)
            elif (row.jobs, row.ads) != (jobs, ads):
                row.jobs, row.ads = jobs, ads
                row.save()
        for area, row in existing.items():
            if area not in wanted:
                row.delete()
        log(f"kartläggning: {name} (augusti 2020) och efterfrågan på arbetskraft (18 oktober 2020)")
