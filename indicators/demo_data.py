"""The goals and indicators of the demo agreements, as the seed documents write them.

Österåker: seed 002, sections 4.2–4.6. Järfälla: seed 004, section 4, with the sources of its
footnotes. Nordost: the regional goals of seed 000 (also in seed 003).

Indicator rows: (name, unit, direction, baseline, baseline label, target, target year, source,
Kolada KPI, source note, frequency, by gender, responsible ("kommun"/"af"/None),
demo start value, demo step per half-year). Baselines, targets and demo values are invented
for the demo; the seeds give none.
"""

# fmt: off
C, P = "count", "percent"
INC, DEC, MIN, MAX, ZERO = "increase", "decrease", "at_least", "at_most", "zero"
HALF, YEAR, STEER = "half_yearly", "yearly", "steering"

OSTERAKER_GOALS = [
    (
        "4.2",
        "Samtliga målgrupper",
        "",
        [
            ("Arbetslösheten i Österåker kommun ska minska", P, DEC, 4.9, "december 2022", None, None, "af", "", "Arbetsförmedlingens statistik, december varje år", HALF, True, "af", 4.9, -0.1),
            ("Sysselsättningen i Österåker kommun ska öka", P, INC, 81.2, "2022", None, None, "scb", "", "", YEAR, True, None, 81.2, 0.2),
            ("Antal i ekonomiskt bistånd i arbetsför ålder ska minska", C, DEC, 310, "december 2022", None, None, "municipality", "", "", HALF, True, "kommun", 310, -6),
            ("Andelen inom målgruppen kortutbildade som går till reguljära studier ska öka", P, INC, 12, "2022", None, None, "adult_education", "", "", HALF, True, "kommun", 12, 0.8),
            ("Antalet som kommer ut i arbete efter ett jobbspår, rekryteringsutbildning eller arbetsmarknadsutbildning ska öka", C, INC, 18, "2022", None, None, "af", "", "", HALF, True, "af", 18, 2),
            ("Antal informationstillfällen till kommunens arbetsgivare ska öka", C, INC, 4, "2022", None, None, "municipality", "", "", HALF, False, "kommun", 4, 1),
            ("Handläggningen av lönebidrag och lönestöd ska hanteras skyndsamt (andel beslut inom 30 dagar)", P, MIN, None, "", 90, 2025, "af", "", "", HALF, False, "af", 84, 1.5),
        ],
    ),
    (
        "4.3",
        "Att öka ungdomars förutsättningar att få ett arbete eller påbörja/återuppta utbildning",
        "Unga 16–24 som varken arbetar eller studerar",
        [
            ("Antal inskrivna i jobbgaranti för ungdomar ska minska", C, DEC, 62, "december 2022", None, None, "af", "", "", HALF, True, "af", 62, -3),
            ("Antal ungdomar i jobb- och utvecklingsgarantin ska minska och målsättningen ska vara noll", C, ZERO, 7, "december 2022", 0, None, "af", "", "När ungdomar har varit inskrivna mer än 15 månader i jobbgaranti för ungdomar hamnar de i jobb- och utvecklingsgarantin.", HALF, True, "af", 7, -1),
        ],
    ),
    (
        "4.4",
        "Att öka nyanländas förutsättningar att få ett arbete eller påbörja/återuppta utbildning",
        "Nyanlända i etableringsprogrammet",
        [
            ("Arbetslösheten för utrikesfödda ska minska", P, DEC, 11.8, "december 2022", None, None, "af", "", "", HALF, True, "af", 11.8, -0.3),
            ("Individer som omfattas av sammanhållen utbildning/utbildningsplikt ska följas för att säkra fullföljd utbildning (antal som följs)", C, INC, 14, "2022", None, None, "adult_education", "", "", HALF, True, "kommun", 14, 1),
            ("Andelen nyanlända till studier eller arbete efter avslutat etableringsprogram ska öka", P, INC, 38, "2022", None, None, "af", "", "", HALF, True, "af", 38, 1.5),
        ],
    ),
    (
        "4.5",
        "Andelen långtidsarbetslösa ska minska på längre sikt",
        "Långtidsarbetslösa",
        [
            ("Antalet individer i jobb- och utvecklingsgarantin ska minska", C, DEC, 245, "december 2022", None, None, "af", "", "", HALF, True, "af", 245, -5),
            ("Inflöden till jobb- och utvecklingsgarantin ska minska", C, DEC, 41, "andra halvåret 2022", None, None, "af", "", "", HALF, True, "af", 41, -1),
        ],
    ),
    (
        "4.6",
        "Underlätta kompetensförsörjningen för arbetsgivare i kommunen",
        "",
        [
            ("Antalet jobbspår ska öka", C, INC, 2, "2022", None, None, "municipality", "", "", HALF, False, "kommun", 2, 0.5),
            ("Antalet individer som deltar i jobbspår ska öka", C, INC, 16, "2022", None, None, "municipality", "", "", HALF, True, "kommun", 16, 2),
            ("Antalet lokala rekryteringsutbildningar ska öka", C, INC, 1, "2022", None, None, "af", "", "", HALF, False, "af", 1, 0.5),
            ("Antalet individer som deltar i rekryteringsutbildning ska öka", C, INC, 10, "2022", None, None, "af", "", "", HALF, True, "af", 10, 1),
            ("Andelen företag som upplever att tillgången på relevant kompetens är god ska öka", P, INC, 46, "2022", None, None, "survey", "", "Mäts i kommunens företagarenkät", YEAR, False, "kommun", 46, 1),
        ],
    ),
]

JARFALLA_GOALS = [
    (
        "",
        "Arbetsförmedlingen och Järfälla kommun har för avsikt att tillsammans verka för att möjliggöra ett antal subventionerade anställningar för medborgare i kommunen som har dokumenterad funktionsnedsättning",
        "Personer med funktionsnedsättning",
        [
            ("Antal subventionerade anställningar för personer med dokumenterad funktionsnedsättning", C, INC, 24, "2022", None, None, "af", "", "Mäts av arbetsförmedlingen inför varje styrgruppsmöte", STEER, True, "af", 24, 2),
        ],
    ),
    (
        "",
        "Enskildas möjlighet till egen försörjning ska öka",
        "Arbetssökande med ekonomiskt bistånd",
        [
            # Kolada N31807: residents who received social assistance during the year, share (%).
            ("Personer som uppbär försörjningsstöd ska minska som andel av befolkningen", P, DEC, 2.9, "2022", None, None, "kolada", "N31807", "Mäts årligen via Kolada", YEAR, True, "kommun", 2.9, -0.05),
        ],
    ),
    (
        "",
        "Arbetslösheten ska minska",
        "",
        [
            ("Antal arbetssökande män och kvinnor som övergår till arbete ska öka", C, INC, 180, "2022", None, None, "af", "", "Mäts av arbetsförmedlingen inför varje styrgruppsmöte", STEER, True, "af", 180, 6),
            ("Antal långtidsarbetslösa (>12 mån) ska minska", C, DEC, 820, "2022", None, None, "af", "", "Mäts av arbetsförmedlingen inför varje styrgruppsmöte", STEER, True, "af", 820, -12),
            ("Antal män och kvinnor i lång långtidsarbetslöshet (>24 mån) ska minska", C, DEC, 430, "2022", None, None, "af", "", "Mäts av arbetsförmedlingen inför varje styrgruppsmöte", STEER, True, "af", 430, 4),
            ("Antal utomeuropeiskt födda personer i lång långtidsarbetslöshet ska minska", C, DEC, 260, "2022", None, None, "af", "", "Mäts av arbetsförmedlingen inför varje styrgruppsmöte", STEER, True, "af", 260, -5),
            ("Antal personer <55 år som deltar i kommunal arbetsmarknadsinsats ska öka", C, INC, 140, "2022", None, None, "municipality", "", "Mäts av arbetsmarknadsenheten inför varje styrgruppsmöte", STEER, True, "kommun", 140, 5),
        ],
    ),
    (
        "",
        "Utbildningsnivån bland medborgarna ska öka",
        "",
        [
            ("Omsättningen till studier ska vara minst 1 %", P, MIN, None, "", 1, None, "af", "", "Mäts av arbetsförmedlingen inför varje styrgruppsmöte", STEER, True, "af", 0.7, 0.1),
            ("Genomströmningen i vuxenutbildningens SFI-utbildningar ska öka", P, INC, 58, "2022", None, None, "adult_education", "", "Mäts av vuxenutbildningen inför varje styrgruppsmöte", STEER, True, "kommun", 58, 1),
        ],
    ),
    (
        "",
        "Livskvaliteten för ungdomar som varken studerar eller arbetar ska öka",
        "Unga 16–24 som varken arbetar eller studerar",
        [
            ("Andelen arbetssökande ungdomar i ålder 16–24 som övergår till studier eller arbete ska öka", P, INC, 31, "2022", None, None, "af", "", "Mäts av arbetsförmedlingen inför varje styrgruppsmöte", STEER, True, "af", 31, 0.8),
            ("Andel ungdomar i ålder 16–24 år som övergår i studier ska öka", P, INC, 9, "2022", None, None, "adult_education", "", "Mäts av vuxenutbildningen inför varje styrgruppsmöte", STEER, True, "kommun", 9, 0.4),
        ],
    ),
]

NORDOST_GOALS = [
    (
        "",
        "Att genom samverkan tillgodose en bra matchning av arbetsgivare och arbetstagare som leder till egenförsörjning",
        "",
        [
            ("Öka antal arbetsgivare knutna till jobbspår fördelat på deltagande kommuner", C, INC, 6, "2020", None, None, "municipality", "", "", HALF, False, "kommun", 6, 1),
            ("Öka antal deltagare i jobbspår", C, INC, 35, "2020", None, None, "municipality", "", "", HALF, True, "kommun", 35, 3),
            ("Minst 80 procent av deltagarna ska få ett arbete efter avslutat jobbspår", P, MIN, None, "", 80, None, "municipality", "", "Beräknas ur jobbspårens utfall", HALF, True, "kommun", 72, 2),
            ("Andelen som avslutar etableringsprogrammet som går ut i egen försörjning ska öka", P, INC, 34, "2020", None, None, "af", "", "", HALF, True, "af", 34, 1),
            ("Minska andelen i långtidsarbetslöshet (ungdomar/vuxna)", P, DEC, 42, "2020", None, None, "af", "", "", HALF, True, "af", 42, -0.6),
            ("Öka andelen kortutbildade som går till reguljära studier i syfte att öka anställningsbarheten", P, INC, 10, "2020", None, None, "adult_education", "", "", HALF, True, "kommun", 10, 0.5),
        ],
    ),
]

GOALS = {"osteraker": OSTERAKER_GOALS, "jarfalla": JARFALLA_GOALS, "nordost": NORDOST_GOALS}
# fmt: on
