"""The first text of the pages about the portal: written by the data migration, and
again by ``info_page_get`` should a page be missing (a database emptied by a test)."""

ACCESSIBILITY = """\
Samverkansportalen är den gemensamma webbplatsen där kommuner och Arbetsförmedlingen skriver, undertecknar och följer upp sina lokala överenskommelser om samverkan. Vi vill att alla som arbetar med överenskommelserna ska kunna använda den, oavsett funktionsförmåga. Här beskriver vi hur webbplatsen uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka brister vi känner till och hur du kan rapportera problem till oss.

## Hur tillgänglig är webbplatsen?

Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service. Vi känner till några brister, som beskrivs längre ned under Innehåll som inte är tillgängligt.

## Vad kan du göra om du inte kan använda delar av webbplatsen?

Om du behöver innehåll från Samverkansportalen i en annan form, till exempel en överenskommelse, en uppföljning eller ett protokoll som tillgänglig PDF, i Word-format eller uppläst, kan du kontakta oss:

- E-post: kontakt@samverkansportalen.se
- Skriv vilken sida eller vilket dokument det gäller och i vilken form du vill ha innehållet.

Vi svarar normalt inom fem arbetsdagar.

## Rapportera brister i webbplatsens tillgänglighet

Vi strävar efter att webbplatsen ska uppfylla kraven. Om du upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav, vill vi gärna veta det. Skicka e-post till kontakt@samverkansportalen.se och beskriv problemet, på vilken sida det uppstod och vilken webbläsare eller vilket hjälpmedel du använde.

## Tillsyn

Myndigheten för digital förvaltning (DIGG) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta DIGG och påtala det: https://www.digg.se/tdosanmalan

## Teknisk information om webbplatsens tillgänglighet

Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service på grund av de brister som beskrivs nedan. Målet är att webbplatsen ska uppfylla WCAG 2.1 på nivå AA.

## Innehåll som inte är tillgängligt

- Bilagor och inskannade underskrifter som parterna själva laddar upp är ofta bilder av papper. De går inte att läsa med skärmläsare. Kontakta oss om du behöver innehållet i en annan form.
- Undertecknade överenskommelser arkiveras som PDF/A. Rubriker och tabeller i de äldre PDF-filerna är inte alltid märkta så att en skärmläsare kan följa strukturen.
- Administrationsgränssnittet, som bara administratörer använder, bygger på Djangos standardgränssnitt och har inte granskats lika noga som resten av webbplatsen.

## Hur vi testat webbplatsen

Vi har gjort en självskattning (intern testning) av webbplatsen. Varje sida provas automatiskt med verktyget axe-core, och vi går igenom nya sidor med tangentbord och skärmläsare innan de publiceras.

Webbplatsen publicerades i december 2026. Redogörelsen uppdaterades senast den 7 december 2026.
"""

PERSONAL_DATA = """\
Här beskriver vi vilka personuppgifter Samverkansportalen sparar om dig som har ett konto, varför vi sparar dem och hur länge.

## Vilka uppgifter sparas?

- Ditt namn, din e-postadress, ditt användarnamn, din titel, din organisation och din roll i portalen.
- Ditt lösenord, som bara sparas i krypterad form (som ett hashvärde). Ingen, inte heller en administratör, kan läsa det.
- När du senast loggade in, och vilka inbjudningar, rolländringar och inaktiveringar som gjorts för ditt konto, av vem och när.
- Vem som har ändrat en överenskommelse, ett utfall, ett möte eller ett protokoll och när (ändringshistorik).
- Inloggningar och misslyckade inloggningsförsök: användarnamn, IP-adress, webbläsarens namn och tidpunkt.
- Underskrifter: namn, befattning och datum för den som undertecknat en överenskommelse.
- Vilka påminnelser som skickats till dig och dina val för påminnelser.

Portalen innehåller inga uppgifter om enskilda arbetssökande: uppföljningen bygger bara på sammanräknade siffror.

## Varför sparas uppgifterna?

Uppgifterna behövs för att du ska kunna logga in, för att bara rätt personer ska se och ändra sin organisations överenskommelser, för att skicka påminnelser och för att det i efterhand ska gå att se vem som har gjort vad. Behandlingen är nödvändig för att utföra en uppgift av allmänt intresse (artikel 6.1 e i dataskyddsförordningen): samverkan mellan kommuner och Arbetsförmedlingen.

## Hur länge sparas uppgifterna?

- Kontouppgifterna sparas så länge du har tillgång till portalen. När du slutar inaktiveras kontot; uppgifterna finns kvar för att ändringshistoriken ska gå att förstå och gallras enligt organisationens dokumenthanteringsplan.
- Ändringshistorik och underskrifter hör till allmänna handlingar och sparas lika länge som överenskommelsen de gäller.
- Inloggningar och misslyckade inloggningsförsök används för att stoppa den som försöker gissa lösenord och för att kunna utreda misstänkt intrång. De raderas automatiskt efter 90 dagar.

## Dina rättigheter

Du har rätt att få veta vilka uppgifter som finns om dig, att få felaktiga uppgifter rättade och i vissa fall att få uppgifter raderade eller begränsade. Kontakta oss på kontakt@samverkansportalen.se. Om du anser att dina uppgifter behandlas fel kan du klaga hos Integritetsskyddsmyndigheten (IMY): https://www.imy.se
"""

CONTACT = """\
Har du frågor om Samverkansportalen, behöver du hjälp med ditt konto eller vill du ha innehåll i en annan form? Kontakta oss.

## Support och synpunkter

- E-post: kontakt@samverkansportalen.se
- Vi svarar normalt inom fem arbetsdagar.

## Konto och behörighet

Nya konton skapas genom inbjudan. Kontakta organisationsadministratören i din egen organisation, eller portalens administratörer via adressen ovan, om du behöver ett konto eller en annan roll.

## Tillgänglighet

Om du har problem med webbplatsens tillgänglighet, läs vår tillgänglighetsredogörelse eller skriv till oss på adressen ovan.
"""

PAGES = [
    ("tillganglighet", "Tillgänglighetsredogörelse för Samverkansportalen", ACCESSIBILITY),
    ("personuppgifter", "Så behandlar vi dina personuppgifter", PERSONAL_DATA),
    ("kontakt", "Kontakta Samverkansportalen", CONTACT),
]
