"""Section 5 of the demo agreements, from the seeds: plain data, no Django.

Each group: (tier, name, convener, rhythm (kind, count, count_max, quarter, note), mandate,
members [(role title, organisation)]). An organisation is a key that the loader resolves to
one of the agreement's parties ("af", or a municipality's name stem), or a plain name.
"""

OSTERAKER_GROUPS = [  # seed 002, section 5
    (
        "strategic",
        "Strategisk samverkan",
        "af",
        ("times_per_year", 2, 4, None, ""),
        "Tydliggöra ansvarsfördelning, mandat och prioriteringar.\n"
        "Ge förutsättningar för underliggande samverkansnivåer.\n"
        "Följa upp lokal och operativ samverkan. Ta ställning kring utvecklingsbehoven.\n"
        "Uppföljning av statistik och måluppfyllelse (inklusive utfall av KROM-systemet)",
        [
            ("Enhetschef", "af"),
            ("Avdelningschef (eller motsvarande representant)", "Österåker"),
            ("Avdelningschef (eller motsvarande representant)", "Täby kommun"),
            ("Avdelningschef (eller motsvarande representant)", "Vallentuna kommun"),
            ("Avdelningschef (eller motsvarande representant)", "Vaxholms stad"),
            ("Avdelningschef (eller motsvarande representant)", "Danderyds kommun"),
        ],
    ),
    (
        "operative",
        "Operativ samverkan",
        "af",
        ("every_n_weeks", 8, None, None, "inledningsvis, därefter vid behov"),
        "Informera varandra om nuläge och förändringar i respektive organisation.\n"
        "Utarbeta, utveckla, följa upp gemensamma processer och målsättningar samt "
        "måluppfyllelse.\n"
        "Vid behov initiera och utvärdera gemensamma lokala insatser.\n"
        "Följa upp lokala samverkan.\n"
        "Återrapportera till strategisk nivå om utvecklingsområden.",
        [("Sektionschef", "af"), ("Motsvarande chef", "Österåker")],
    ),
    (
        "local",
        "Lokal samverkan (individsamverkan)",
        "Österåker",
        ("hours_per_month", 6, None, None, "därutöver externa aktiviteter som jobbmässor"),
        "Lyfta gemensamma ärenden där det finns behov av samordnande insatser mellan "
        "Arbetsförmedlingen och kommunen.\n"
        "Träffa arbetssökande i trepartssamtal.\n"
        "Lyfta utmaningar och utvecklingsbehov till operativ nivå.",
        [("Utsedd arbetsförmedlare", "af"), ("Kommunens handläggare", "Österåker")],
    ),
    (
        "conference",
        "Gemensam årlig konferens",
        None,
        ("yearly_in_quarter", None, None, 1, ""),
        "Stärka samverkan.\n"
        "Skapa samsyn och kunskap om varandras uppdrag och förutsättningar.\n"
        "Följa upp föregående år och planera innevarande/kommande år.",
        [("Deltagare", "af"), ("Deltagare", "Österåker")],
    ),
]

JARFALLA_GROUPS = [  # seed 004, section 5
    (
        "strategic",
        "Styrgrupp",
        "af",
        ("times_per_year", 4, None, None, "eller oftare om behov finns"),
        "Stämma av överenskommelsens mål och resultat.\n"
        "Övergripande koordinering och ledning.\n"
        "Godkänna revideringar av överenskommelsen respektive rutiner för operativ samverkan "
        "på individnivå.\n"
        "Ta initiativ till gemensamma projekt kring prioriterade målgrupper.",
        [
            ("Enhetschef", "af"),
            ("Områdeschef socialförvaltningen", "Järfälla"),
            ("Rektor kommunal vuxenutbildning", "Järfälla"),
            ("Enhetschef arbetsmarknadsenheten (AME), kompetensförvaltningen", "Järfälla"),
        ],
    ),
    (
        "operative",
        "Operativ arbetsgrupp",
        "af",
        ("times_per_year", 4, None, None, "eller oftare om behov finns"),
        "Följa upp det operativa arbetet och att samverkan fungerar i enlighet med "
        "överenskommelsen.\n"
        "Bidra till att rutiner för det operativa arbetet utvecklas.\n"
        "Lyfta frågor av övergripande karaktär vidare till styrgruppen.",
        [
            ("Sektionschef", "af"),
            ("Enhetschef nybesök och etablering, socialförvaltningen", "Järfälla"),
            ("Enhetschef försörjningsstöd uppföljning, socialförvaltningen", "Järfälla"),
            ("Biträdande rektor, vuxenutbildning", "Järfälla"),
            ("Gruppledare AME, kompetensförvaltningen", "Järfälla"),
        ],
    ),
    (
        "local",
        "Individsamverkan",
        None,
        ("every_n_months", 1, None, None, ""),
        "Arbetsgivarsamverkan om löne- och anställningsstöd.\nJobbspår.\n"
        "Digitalt informationsutbyte.",
        [
            ("Arbetsförmedlare", "af"),
            (
                "Operativa representanter (socialsekreterare, integrationscoacher, "
                "arbetsmarknadskonsulenter, studie- och yrkesvägledare m.fl.)",
                "Järfälla",
            ),
        ],
    ),
    (
        "conference",
        "Konferens",
        "af",
        ("times_per_year", 1, None, None, ""),
        "Stärka samverkan, skapa samsyn och kunskap om varandras uppdrag och förutsättningar.\n"
        "Följa upp föregående år.\nPlanera innevarande år.",
        [("Deltagare", "af"), ("Deltagare", "Järfälla")],
    ),
]

NORDOST_GROUPS = [  # seed 003, "Hur samverkan organiseras"
    (
        "working_group",
        "Arbetsgrupp",
        "Täby",  # the project leader, in Täby kommun, convenes (seed 003, Projektledare)
        ("every_n_weeks", 4, None, None, "oftare vid behov; veckovis fram till 1 november 2020"),
        "Kartlägga och identifiera jobbspårskandidater.\n"
        "Genomföra informationsinsatser inför aktuella jobbspår.\n"
        "Urval- och rekryteringsprocesser.\n"
        "Process- och metodutveckling för individer som via studier ska ut i arbete.\n"
        "Näringslivsstrategier och företagsnätverkande för att förse arbetsgivare med "
        "kompetent arbetskraft via jobbspår.",
        [
            ("Arbetscoach", "Danderyd"),
            ("Integrationsutvecklare", "Danderyd"),
            ("Praktiksamordnare", "Norrtälje"),
            ("Projektledare", "Täby"),
            ("Arbetsmarknadschef", "Vallentuna"),
            ("Näringslivsstrateg", "Vallentuna"),
            ("Koordinator för arbetsmarknadsaktiviteter", "Vaxholm"),
            ("Integrationsstrateg", "Österåker"),
            ("Arbetskoordinator", "Österåker"),
            ("Rektor", "Norrtälje Komvux"),
            ("Rektor", "Kunskapscentrum Nordost"),
            ("Kvalificerad handläggare inriktning arbetssökande", "af"),
            ("Kvalificerad handläggare inriktning företag", "af"),
            ("Arbetsförmedlare", "af"),
            ("Projektledare för Dua-samverkan", ""),
        ],
    ),
    (
        "strategic",
        "Styrgrupp",
        "Täby",
        ("every_n_months", 2, None, None, "oftare vid behov; var fjärde vecka inledningsvis"),
        "Fatta beslut i operativa frågor, till exempel start av nya jobbspår.\n"
        "Besluta om projektledarens uppdrag och arbetsbeskrivning.\n"
        "Ansvara för det övergripande strategiska arbetet med den lokala överenskommelsen.\n"
        "Vara ett stöd för arbetsgruppen.",
        [
            ("Integrationsutvecklare", "Danderyd"),
            ("Avdelningschef för Arbetsmarknad och Integration", "Norrtälje"),
            ("Projektledare", "Täby"),
            ("Stabschef på kommunledningskontoret", "Vallentuna"),
            ("Myndighetschef", "Vaxholm"),
            ("Näringslivs- och utvecklingsdirektör", "Österåker"),
            ("Skolchef för vuxenutbildningen", "Norrtälje"),
            ("Rektor", "Kunskapscentrum Nordost"),
            ("Sektionschef", "af"),
            ("Projektledare för Dua-samverkan", ""),
        ],
    ),
]
