"""The national template's guidance: the defaults, putting them in place, and reading them.

The defaults follow the national template as the seeds apply it (seed 002, Österåker 2023,
has its nine sections, "4.1 Inledning" with the perspectives the goals must take, one
subsection per target group with "Övergripande mål" and "Indikatorer", and three tiers of
collaboration). Administrators change the texts in the admin; ``guidance_defaults_ensure``
only adds what is missing, so it never overwrites an edit. It is called by the data
migration (with the historical models) and by the demo loader.

Kolada KPIs are given only where Kolada publishes one that measures the indicator
(N31807 ekonomiskt bistånd, N03923 and N03926 långtidsarbetslöshet); the others name the
statistics they come from.
"""

from django.apps import apps as global_apps

from .models import SECTION_HEADINGS, SectionGuidance, TargetGroupGuidance

SECTION_GUIDANCE = {
    1: """\
Ange varje part med fullständigt namn och organisationsnummer: kommunen (eller kommunerna) och Arbetsförmedlingens enhet, till exempel ”Arbetsförmedlingen Region Stockholm Gotland, enhet Stockholm nordöstra”.

- Parterna och deras organisationsnummer läggs in under **Ändra parter** och visas i avsnittet.
- Ange vilken part som är sammankallande.
- Skriv här bara det som behöver sägas utöver listan.""",
    2: """\
Beskriv varför parterna samverkar: att påskynda individers etablering i arbetslivet och förbättra kompetensförsörjningen, med utgångspunkt i regionala och lokala rekryteringsbehov.

Skriv sedan som punktlista vad samverkan ska gälla, till exempel:
- individer som behöver stöd, insatser och samordnade processer från både kommunen och Arbetsförmedlingen,
- arbetsgivare som har svårt att rekrytera eller vill bredda sin rekryteringsbas.""",
    3: """\
Beskriv vilka individer samverkan gäller (de som behöver stöd och insatser från båda parter) och vilka arbetsgivare den riktar sig till.

Ange sedan, utifrån kartläggningen och den övergripande styrningen, vilka grupper som särskilt ska beaktas. Varje grupp läggs till under **Ändra målgrupper** med överenskommelsens egen rubrik och beskrivning. Mallen föreslår målgrupperna nedan.""",
    4: """\
Börja med en inledning (4.1) om vad samverkan ska leda till, till exempel minskad arbetslöshet och ökad sysselsättning i kommunen, och vilka underlag parterna tar fram för uppföljningen.

Mål och indikatorer ska ta hänsyn till följande perspektiv:
- Målen ska fokusera på önskade effekter och vara lokala.
- Målen ska ange vilka indikatorer som ska följas.
- Målen ska vara jämställdhetsintegrerade (följas upp för kvinnor och män).
- Målen ska i möjligaste mån vara kvantifierade.
- Målen ska presenteras för och följas upp av den strategiska och den operativa nivån.

Skriv sedan ett underavsnitt per målgrupp (4.2, 4.3 …) med **Övergripande mål** och **Indikatorer**. Lägg in målen och indikatorerna som mål i portalen, så följs de upp varje halvår. Mallen föreslår indikatorerna nedan.""",
    5: """\
Beskriv hur samverkan är organiserad, nivå för nivå:
- **Strategisk samverkan** (styrgrupp): vilka chefer som deltar, vem som är sammankallande, hur ofta gruppen träffas (till exempel 2–4 gånger per år) och gruppens uppdrag.
- **Operativ samverkan**: sektionschefer och motsvarande chefer i kommunen, mötesrytm och uppdrag.
- **Lokal samverkan / individsamverkan**: handläggare som arbetar med gemensamma ärenden, till exempel sex timmar per månad.
- Eventuellt en **gemensam årlig konferens**.

Skriv gruppens uppdrag som punktlista. Beskriv också samverkan med andra aktörer, till exempel Arbetsförmedlingens leverantörer eller samordningsförbundet. Grupperna läggs in som samverkansgrupper i portalen.""",
    6: """\
Beskriv hur den operativa samverkan genomförs: gemensam kartläggning och planering för individen, insatser för arbetsgivare, jobbspår och rekryteringsutbildningar, samverkan kring utbildning, nyanlända och unga.

Processer och rutiner i detalj beskrivs i bilagor; hänvisa till dem här.""",
    7: """\
Ange vem som ansvarar för uppföljningen, hur ofta den görs och till vem resultatet rapporteras, till exempel att den operativa nivån rapporterar till den strategiska en gång per halvår (i augusti och i december/januari).""",
    8: """\
Ange från vilket datum överenskommelsen gäller och om den gäller tills vidare eller till ett visst datum, hur ofta den ses över (till exempel minst en gång per mandatperiod) och att bilagorna kan uppdateras separat utan att huvudöverenskommelsen ändras.""",
    9: """\
Ange vem som skriver under för varje part, med namn och titel, till exempel kommunstyrelsens ordförande och Arbetsförmedlingens enhetschef. Undertecknarna läggs in under **Ändra undertecknare**.""",
}

# Target group name (the catalogue's) -> (guidance, [(indicator, Kolada KPI, source)]).
TARGET_GROUP_GUIDANCE = {
    "Arbetssökande med ekonomiskt bistånd": (
        "Arbetsföra som uppbär ekonomiskt bistånd och är inskrivna hos Arbetsförmedlingen.",
        [
            ("Andelen invånare med ekonomiskt bistånd ska minska", "N31807", ""),
            (
                "Antalet i arbetsför ålder med ekonomiskt bistånd ska minska",
                "",
                "Kommunens egen statistik",
            ),
        ],
    ),
    "Långtidsarbetslösa": (
        "Arbetssökande som har varit utan arbete länge, unga och vuxna.",
        [
            ("Långtidsarbetslösheten 25–64 år ska minska", "N03926", ""),
            ("Långtidsarbetslösas andel av de arbetslösa ska minska", "N03923", ""),
            (
                "Antalet i jobb- och utvecklingsgarantin ska minska",
                "",
                "Arbetsförmedlingens statistik",
            ),
        ],
    ),
    "Unga 16–24 som varken arbetar eller studerar": (
        "Unga som behöver stöd för att få ett arbete eller påbörja eller återuppta utbildning.",
        [
            (
                "Antalet inskrivna i jobbgarantin för ungdomar ska minska",
                "",
                "Arbetsförmedlingens statistik",
            ),
            (
                "Unga inom det kommunala aktivitetsansvaret som börjar arbeta eller studera ska öka",
                "",
                "Kommunens egen statistik",
            ),
        ],
    ),
    "Nyanlända i etableringsprogrammet": (
        "Nyanlända i etableringsprogrammet, även de som omfattas av utbildningsplikt.",
        [
            (
                "Andelen som går till arbete eller studier efter etableringsprogrammet ska öka",
                "",
                "Arbetsförmedlingens statistik",
            ),
            (
                "Individer med utbildningsplikt ska följas så att de fullföljer utbildningen",
                "",
                "Kommunens egen statistik",
            ),
        ],
    ),
    "Arbetssökande med behov av utbildning": (
        "Arbetssökande som saknar gymnasieutbildning eller behöver utbildning för att nå arbete.",
        [
            (
                "Andelen kortutbildade som går till reguljära studier ska öka",
                "",
                "Arbetsförmedlingens och kommunens statistik",
            ),
        ],
    ),
    "Utrikesfödda kvinnor": (
        "Utrikesfödda kvinnor med låga kunskaper i svenska, särskilt kortutbildade och "
        "utomeuropeiskt födda.",
        [
            (
                "Arbetslösheten bland utrikesfödda kvinnor ska minska",
                "",
                "Arbetsförmedlingens statistik",
            ),
        ],
    ),
    "Unga med funktionsnedsättning": (
        "Unga arbetssökande med en funktionsnedsättning som behöver samordnat stöd.",
        [
            (
                "Antalet unga med funktionsnedsättning som får ett arbete ska öka",
                "",
                "Arbetsförmedlingens statistik",
            ),
        ],
    ),
}


def guidance_defaults_ensure(apps=global_apps) -> int:
    """Add the template's guidance that is missing (never changes an edited text).
    Returns the number of rows created. ``apps``: the historical registry in a migration."""
    section_model = apps.get_model("agreements", "SectionGuidance")
    group_model = apps.get_model("agreements", "TargetGroup")
    group_guidance_model = apps.get_model("agreements", "TargetGroupGuidance")
    suggestion_model = apps.get_model("agreements", "IndicatorSuggestion")
    created = 0
    for section, text in SECTION_GUIDANCE.items():
        _row, new = section_model.objects.get_or_create(
            section=section, defaults={"guidance": text}
        )
        created += new
    for position, (name, (text, indicators)) in enumerate(TARGET_GROUP_GUIDANCE.items()):
        group, _new = group_model.objects.get_or_create(name=name)
        guidance, new = group_guidance_model.objects.get_or_create(
            target_group=group, defaults={"guidance": text, "position": position}
        )
        if not new:
            continue
        created += 1
        for n, (indicator, kpi, source) in enumerate(indicators):
            suggestion_model.objects.create(
                target_group_guidance=guidance,
                name=indicator,
                kolada_kpi=kpi,
                source_note=source,
                position=n,
            )
            created += 1
    return created


def section_guidance() -> dict:
    """Section number -> {"number", "heading", "guidance", "target_groups"}; target groups
    (with their suggested indicators) for sections 3 and 4. Three queries."""
    groups = list(
        TargetGroupGuidance.objects.select_related("target_group").prefetch_related("indicators")
    )
    return {
        row.section: {
            "number": row.section,
            "heading": SECTION_HEADINGS.get(row.section, ""),
            "guidance": row.guidance,
            "target_groups": groups if row.section in (3, 4) else [],
            "indicators": row.section == 4,
        }
        for row in SectionGuidance.objects.all()
    }
