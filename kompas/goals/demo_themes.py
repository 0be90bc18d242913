"""The demo's goal themes, in our own words: what a unit of each department works for, with the indicators that
measure it, the experiences that belong to it, what its follow-ups learn and what they stop, and its answers to
the Målkompas questions. Plain data; ``demo.py`` builds goals from it.

An indicator is ``(name, unit, direction, baseline, target, whole)``; ``whole`` marks a count of people or
things, whose values are whole numbers. An experience is ``(kind, title, text, source, citizen's own words)``.
"""

from typing import Any

BA = "borgmesterens-afdeling"
BU = "boern-og-unge"
KB = "kultur-og-borgerservice"
SOF = "sociale-forhold-og-beskaeftigelse"
SO = "sundhed-og-omsorg"
TM = "teknik-og-miljoe"

ALL_CITY = "en-by-med-brug-for-alle"
COMMUNITY = "faellesskab-og-medborgerskab"
HEALTH = "sunde-og-trives"
GROWTH = "vaekst-og-erhvervsliv"
GREEN = "baeredygtig-by"

THEMES: list[dict[str, Any]] = [
    {
        "departments": [SOF, BU],
        "titles": [
            "Flere unge i uddannelse eller job i {area}",
            "Unge i {area} får fodfæste i uddannelse og job",
            "Unge i {area} finder deres vej efter skolen",
            "Ingen unge i {area} står uden et næste skridt",
        ],
        "whom": "unge mellem 15 og 25 år og deres familier",
        "value": "Unge får fodfæste i uddannelse og job, så de kan forsørge sig selv og bidrage til fællesskabet.",
        "city_goals": [ALL_CITY],
        "indicators": [
            ("Andel unge i uddannelse eller job", "procent", "higher", 71, 82, False),
            ("Unge med en uddannelsesplan, de selv har lagt", "personer", "higher", 40, 90, True),
            ("Unge, der falder fra en uddannelse inden for et år", "personer", "lower", 35, 20, True),
            ("Unge i praktik hos en lokal virksomhed", "personer", "higher", 12, 30, True),
            ("Unges tilfredshed med vejledningen (1–5)", "point", "higher", 3.1, 4.0, False),
            ("Ventetid på første samtale", "dage", "lower", 21, 7, True),
        ],
        "evidence": [
            (
                "story",
                "Fra sofaen til svendeprøven",
                "Han havde været ude af skolen i et år. Praktikken hos "
                "tømreren gav ham en grund til at stå op, og nu er han i gang med anden del af uddannelsen.",
                "Ungevejleder",
                False,
            ),
            (
                "quote",
                "Nogen der troede på det",
                "Det var første gang, nogen spurgte, hvad jeg selv havde lyst "
                "til – og ikke bare, hvad jeg manglede.",
                "Ung, 19 år",
                True,
            ),
            (
                "observation",
                "Flere møder op",
                "Fremmødet til åben vejledning om torsdagen er steget fra 6 til "
                "14 unge, efter vi flyttede den til ungdomsklubben.",
                "Vejleder",
                False,
            ),
            (
                "quote",
                "En plan på mit eget papir",
                "Planen står i mine ord. Så kan jeg også forklare den for min mor.",
                "Ung, 17 år",
                True,
            ),
        ],
        "learnings": [
            "De unge kommer, når vejledningen finder sted, hvor de i forvejen er.",
            "En fast kontaktperson betyder mere end flere tilbud.",
            "Praktik hos en lokal virksomhed åbner flere døre end et kursus.",
        ],
        "changes": [
            "Vi flytter to af ugens samtaler ud i klubberne.",
            "Vi inviterer lokale mestre med i planen.",
        ],
        "stops": [
            "Vi stopper med at indkalde til samtaler pr. brev.",
            "Vi holder op med det kvartalsvise statusskema.",
        ],
    },
    {
        "departments": [SO],
        "titles": [
            "Færre ensomme ældre i {area}",
            "Ældre i {area} har nogen at tale med",
            "Fællesskab for ældre, der bor alene i {area}",
            "Mindre ensomhed blandt ældre i {area}",
        ],
        "whom": "ældre, der bor alene, og deres pårørende",
        "value": "Ældre oplever at høre til, har nogen at tale med og bliver længere i eget hjem.",
        "city_goals": [COMMUNITY, HEALTH],
        "indicators": [
            ("Ældre, der svarer, at de ofte føler sig ensomme", "procent", "lower", 18, 10, False),
            ("Ældre med fast deltagelse i en aktivitet", "personer", "higher", 60, 120, True),
            ("Besøgsvenner i området", "personer", "higher", 15, 40, True),
            ("Ældre, der får besøg mindst én gang om ugen", "personer", "higher", 80, 140, True),
            ("Tilfredshed med hverdagen (1–5)", "point", "higher", 3.2, 3.9, False),
            ("Henvendelser fra bekymrede pårørende", "henvendelser", "lower", 45, 25, True),
        ],
        "evidence": [
            (
                "story",
                "Kaffe hver onsdag",
                "Hun havde ikke været ude af lejligheden i to måneder. Nu henter "
                "naboen hende hver onsdag til kaffe i lokalcentret, og hun har selv taget en veninde med.",
                "Aktivitetsmedarbejder",
                False,
            ),
            (
                "quote",
                "Nogen at vente på",
                "Det bedste ved ugen er, at jeg ved, at Karen kommer om tirsdagen.",
                "Borger, 84 år",
                True,
            ),
            (
                "observation",
                "Fyldt frokost",
                "Frokosten i cafeen havde 31 gæster i dag mod 12 for et år siden.",
                "Leder af lokalcentret",
                False,
            ),
            (
                "quote",
                "Tryg ved at sige det",
                "Jeg har aldrig sagt højt, at jeg var ensom. Det var lettere, "
                "fordi hun selv fortalte om sin mand.",
                "Borger, 79 år",
                True,
            ),
        ],
        "learnings": [
            "Besøgsvennerne holder længst, når de bor tæt på den, de besøger.",
            "Mange siger først ja, når de bliver spurgt af en, de kender i forvejen.",
            "Transporten til aktiviteterne er den største forhindring.",
        ],
        "changes": [
            "Vi tilbyder fælles kørsel til aktiviteterne.",
            "Hjemmeplejen fortæller om besøgsvennerne.",
        ],
        "stops": ["Vi stopper med at udsende aktivitetskalenderen på papir til alle.", ""],
    },
    {
        "departments": [TM, BU],
        "titles": [
            "Trygge skoleveje i {area}",
            "Flere børn i {area} cykler og går i skole",
            "Sikker skolevej for alle børn i {area}",
            "Færre biler ved skolerne i {area}",
        ],
        "whom": "skolebørn og deres forældre",
        "value": "Børn kan cykle og gå sikkert i skole, og flere forældre lader bilen stå.",
        "city_goals": [GREEN, HEALTH],
        "indicators": [
            ("Andel elever, der cykler eller går i skole", "procent", "higher", 54, 70, False),
            ("Biler ved skolen i morgentimen", "biler", "lower", 140, 80, True),
            ("Utrygge krydsninger på skolevejen", "steder", "lower", 9, 3, True),
            ("Forældre, der oplever skolevejen som tryg", "procent", "higher", 48, 75, False),
            ("Cykler i skolens stativer en tilfældig dag", "cykler", "higher", 120, 190, True),
            ("Skolepatruljer i drift", "patruljer", "higher", 2, 5, True),
        ],
        "evidence": [
            (
                "observation",
                "Flere cykler ved skolen",
                "Vi talte 162 cykler i stativerne i dag mod 118 i august.",
                "Skolens pedel",
                False,
            ),
            (
                "quote",
                "Selv hele vejen",
                "Nu må jeg cykle selv hele vejen, fordi der er kommet et lys ved Bakkevej.",
                "Elev, 4. klasse",
                True,
            ),
            (
                "story",
                "Fælles cykelafgang",
                "Forældrerådet har lavet tre faste afgange om morgenen. Den første "
                "uge cyklede 23 børn med; nu er det over 60.",
                "Skoleleder",
                False,
            ),
            (
                "observation",
                "Roligere morgener",
                "Kø af biler ved afsætningspladsen er kortere; bussen kommer frem til tiden.",
                "Trafikplanlægger",
                False,
            ),
        ],
        "learnings": [
            "Børnene cykler, når forældrene har set vejen gjort tryg.",
            "Små ændringer i krydsene betyder mere end kampagner.",
            "Forældrerådet er den bedste budbringer.",
        ],
        "changes": ["Vi maler cykelstien op ved hallen.", "Vi flytter afsætningspladsen 200 meter."],
        "stops": ["Vi stopper den årlige trafikkampagne med plakater.", ""],
    },
    {
        "departments": [BU, KB],
        "titles": [
            "Alle børn læser med glæde i {area}",
            "Læselyst hos de yngste i {area}",
            "Flere læseglade børn i {area}",
            "Børn i {area} læser sammen med deres forældre",
        ],
        "whom": "børn i indskolingen og deres forældre",
        "value": "Børn lærer at læse og får lyst til at læse mere, også hjemme.",
        "city_goals": [ALL_CITY],
        "indicators": [
            ("Elever i 2. klasse, der læser alderssvarende", "procent", "higher", 72, 85, False),
            ("Lån af børnebøger på skolebiblioteket pr. måned", "lån", "higher", 300, 520, True),
            ("Forældre til højtlæsning i biblioteket", "personer", "higher", 25, 70, True),
            ("Børn, der selv siger, at de kan lide at læse", "procent", "higher", 58, 72, False),
            ("Børn med behov for ekstra læseforløb", "børn", "lower", 34, 20, True),
        ],
        "evidence": [
            (
                "quote",
                "Én side mere",
                "Må jeg ikke lige læse én side mere? Det spørger han om hver aften nu.",
                "Forælder",
                True,
            ),
            (
                "observation",
                "Kø ved hylden",
                "Der var kø ved hylden med nye tegneserier i frikvarteret.",
                "Skolebibliotekar",
                False,
            ),
            (
                "story",
                "Højtlæsning på arabisk og dansk",
                "Tre mødre læser nu op for de yngste på deres eget sprog "
                "og på dansk hver fredag. Børnene låner bøgerne med hjem bagefter.",
                "Bibliotekar",
                False,
            ),
        ],
        "learnings": [
            "Børnene læser mere, når de selv vælger bøgerne.",
            "Forældre kommer, når de kan tage mindre søskende med.",
            "Fredagens højtlæsning virker bedre end læsekontrakter.",
        ],
        "changes": ["Vi lader eleverne vælge indkøb af nye bøger.", "Vi holder højtlæsning i dagtilbuddene."],
        "stops": ["Vi stopper med læselogbogen, som forældrene skulle underskrive.", ""],
    },
    {
        "departments": [KB, BU],
        "titles": [
            "Mere liv i foreningerne i {area}",
            "Flere i {area} bliver en del af en forening",
            "Stærkere foreningsliv i {area}",
            "Nye frivillige i foreningerne i {area}",
        ],
        "whom": "børn, unge og voksne uden foreningstilknytning",
        "value": "Flere er en del af et fællesskab, og foreningerne får nye frivillige.",
        "city_goals": [COMMUNITY],
        "indicators": [
            ("Medlemmer af lokale foreninger", "personer", "higher", 850, 1100, True),
            ("Nye frivillige trænere og ledere", "personer", "higher", 10, 35, True),
            ("Børn fra området, der går til en fritidsaktivitet", "procent", "higher", 52, 65, False),
            ("Foreninger, der bruger skolens lokaler om aftenen", "foreninger", "higher", 6, 14, True),
            ("Deltagere i foreningsdagen", "personer", "higher", 200, 450, True),
        ],
        "evidence": [
            (
                "story",
                "Fra tilskuer til træner",
                "Han stod ved banen hver lørdag med sin søn. Nu træner han U9 sammen med en anden far.",
                "Formand for boldklubben",
                False,
            ),
            (
                "quote",
                "Vi kendte ingen",
                "Vi var lige flyttet hertil og kendte ingen. Nu kender vi halvdelen af "
                "opgangen fra badminton.",
                "Borger",
                True,
            ),
            (
                "observation",
                "Lys i gymnastiksalen",
                "Gymnastiksalen er nu i brug fire aftener om ugen mod én før.",
                "Skolens pedel",
                False,
            ),
        ],
        "learnings": [
            "Foreningerne vil gerne have nye medlemmer, men mangler en vej ind til familierne.",
            "Nøglen til lokalerne er vigtigere end tilskuddet.",
            "Et prøvemedlemskab sænker tærsklen for de nye.",
        ],
        "changes": [
            "Vi giver foreningerne nøglebrik til skolen.",
            "Vi laver prøvemedlemskab sammen med klubberne.",
        ],
        "stops": ["Vi stopper med den årlige ansøgningsrunde om lokaler.", ""],
    },
    {
        "departments": [TM],
        "titles": [
            "Grønnere hverdag i {area}",
            "Mindre affald og mere genbrug i {area}",
            "Grønne gårde og fællesarealer i {area}",
            "Flere sorterer affaldet i {area}",
        ],
        "whom": "borgere og virksomheder i området",
        "value": "Mindre affald og CO2, mere genbrug og flere grønne fællesarealer.",
        "city_goals": [GREEN],
        "indicators": [
            ("Restaffald pr. husstand om året", "kg", "lower", 210, 160, True),
            ("Andel affald, der sorteres til genbrug", "procent", "higher", 46, 60, False),
            ("Grønne fællesarealer, beboerne passer", "arealer", "higher", 3, 10, True),
            ("Besøg i byttestationen", "besøg", "higher", 400, 900, True),
            ("Træer plantet med beboerne", "træer", "higher", 0, 250, True),
        ],
        "evidence": [
            (
                "observation",
                "Fulde byttehylder",
                "Byttestationen bliver fyldt op og tømt igen på en weekend.",
                "Affaldsvejleder",
                False,
            ),
            (
                "story",
                "Gården blev grøn",
                "Beboerne i opgang 4 har selv anlagt højbede i gården. Børnene vander dem på skift.",
                "Boligsocial medarbejder",
                False,
            ),
            (
                "quote",
                "Det giver mening nu",
                "Når jeg kan se, hvor det bliver af, gider jeg godt sortere.",
                "Beboer",
                True,
            ),
        ],
        "learnings": [
            "Sortering stiger, når spandene står, hvor folk alligevel går forbi.",
            "Beboerne passer det, de selv har været med til at plante.",
            "Byttestationen skaber kontakt mellem naboer.",
        ],
        "changes": [
            "Vi flytter sorteringen ned ved indgangene.",
            "Vi planter sammen med skolen til foråret.",
        ],
        "stops": ["Vi stopper med informationsfolderen om sortering.", ""],
    },
    {
        "departments": [KB, BA, TM],
        "titles": [
            "Hurtigere svar til borgere i {area}",
            "Borgere i {area} skal kun fortælle deres historie én gang",
            "Klare breve og korte svartider i {area}",
            "Én indgang for borgerne i {area}",
        ],
        "whom": "borgere, der søger hjælp eller en tilladelse",
        "value": "Borgerne får et klart svar hurtigere og skal ikke fortælle deres historie flere gange.",
        "city_goals": [ALL_CITY],
        "indicators": [
            ("Sagsbehandlingstid for ansøgninger", "dage", "lower", 42, 21, True),
            ("Borgere, der skal kontakte os igen om samme sag", "procent", "lower", 28, 12, False),
            ("Tilfredshed med svaret (1–5)", "point", "higher", 3.3, 4.1, False),
            ("Breve omskrevet i et klart sprog", "breve", "higher", 5, 40, True),
            ("Klager over sagsbehandlingen", "klager", "lower", 60, 30, True),
        ],
        "evidence": [
            (
                "quote",
                "Nu ved jeg, hvem jeg skal ringe til",
                "Jeg har én kontaktperson nu, og det gør hele forskellen.",
                "Borger",
                True,
            ),
            (
                "observation",
                "Færre opkald",
                "Telefonen ringer mindre om mandagen, efter vi skrev brevet om.",
                "Sagsbehandler",
                False,
            ),
            (
                "story",
                "Svar samme dag",
                "En håndværker fik svar på sin ansøgning samme dag, fordi vi ringede "
                "ham op i stedet for at sende et brev om manglende bilag.",
                "Teamleder",
                False,
            ),
        ],
        "learnings": [
            "Et opkald sparer ofte tre breve.",
            "Breve i et klart sprog giver færre henvendelser.",
            "Borgerne vil hellere have et hurtigt foreløbigt svar end et langt endeligt.",
        ],
        "changes": ["Vi ringer, før vi skriver om manglende bilag.", "Vi tester nye breve med borgere."],
        "stops": [
            "Vi stopper med kvitteringsbrevet, som ingen læser.",
            "Vi holder op med at kræve papirkopier.",
        ],
    },
    {
        "departments": [SO],
        "titles": [
            "Sundere hverdag for borgere i {area}",
            "Færre genindlæggelser i {area}",
            "Flere borgere i {area} bevæger sig i hverdagen",
            "Sund hverdag efter udskrivelse i {area}",
        ],
        "whom": "voksne med eller i risiko for kronisk sygdom",
        "value": "Flere bevæger sig og spiser sundt, og færre bliver indlagt igen.",
        "city_goals": [HEALTH],
        "indicators": [
            ("Genindlæggelser inden 30 dage", "procent", "lower", 12, 8, False),
            ("Borgere, der gennemfører et træningsforløb", "personer", "higher", 90, 160, True),
            ("Borgere, der går i en gå-gruppe", "personer", "higher", 25, 70, True),
            ("Oplevet helbred (1–5)", "point", "higher", 3.0, 3.6, False),
            ("Forebyggende hjemmebesøg gennemført", "besøg", "higher", 300, 420, True),
        ],
        "evidence": [
            (
                "story",
                "Tilbage på cyklen",
                "Efter forløbet i sundhedscentret cykler han nu selv til indkøb igen. "
                "Han har tabt otte kilo og sover bedre.",
                "Fysioterapeut",
                False,
            ),
            (
                "quote",
                "Vi går sammen",
                "Jeg ville aldrig gå alene. Men vi er seks, der går hver tirsdag, og "
                "bagefter drikker vi kaffe.",
                "Deltager i gå-gruppen",
                True,
            ),
            (
                "observation",
                "Færre akutte opkald",
                "Hjemmesygeplejen har haft færre akutte opkald fra borgerne i forløbet end fra dem uden.",
                "Sygeplejerske",
                False,
            ),
        ],
        "learnings": [
            "Fællesskabet holder folk i gang længere end programmet.",
            "Opfølgende opkald efter udskrivelse forebygger mange genindlæggelser.",
            "Borgerne vil helst træne tæt på hjemmet.",
        ],
        "changes": [
            "Vi ringer til alle inden for tre dage efter udskrivelse.",
            "Vi starter gå-grupper lokalt.",
        ],
        "stops": ["Vi stopper med at sende sundhedsfoldere ud til alle.", ""],
    },
    {
        "departments": [SOF],
        "titles": [
            "Flere i beskæftigelse i {area}",
            "Ledige i {area} kommer tættere på arbejdsmarkedet",
            "Flere ledige i {area} kommer i job",
            "Virksomheder og ledige i {area} finder hinanden",
        ],
        "whom": "ledige og sygemeldte borgere",
        "value": "Flere kommer i arbejde eller tættere på, med en plan de selv har været med til at lægge.",
        "city_goals": [ALL_CITY, GROWTH],
        "indicators": [
            ("Borgere, der er kommet i job eller uddannelse", "personer", "higher", 120, 200, True),
            ("Borgere i virksomhedspraktik", "personer", "higher", 40, 90, True),
            ("Andel på offentlig forsørgelse i området", "procent", "lower", 16, 13, False),
            ("Virksomheder, der samarbejder med jobcentret", "virksomheder", "higher", 25, 60, True),
            ("Borgernes oplevelse af at blive hørt (1–5)", "point", "higher", 3.1, 4.0, False),
        ],
        "evidence": [
            (
                "story",
                "Fra sygemelding til praktik",
                "Hun startede i praktik i et supermarked 10 timer om ugen og er nu ansat 25 timer.",
                "Jobkonsulent",
                False,
            ),
            (
                "quote",
                "Min egen plan",
                "For første gang var det mig, der skrev planen. Det gjorde, at jeg holdt fast.",
                "Borger",
                True,
            ),
            (
                "observation",
                "Virksomhederne ringer selv",
                "Tre lokale virksomheder har selv ringet og spurgt efter praktikanter denne måned.",
                "Virksomhedskonsulent",
                False,
            ),
        ],
        "learnings": [
            "Praktik med få timer og en fast kollega giver de bedste forløb.",
            "Virksomhederne vil have én indgang til jobcentret.",
            "Planen holder, når borgeren selv har skrevet den.",
        ],
        "changes": ["Vi giver hver virksomhed én fast konsulent.", "Borgeren skriver selv planen til mødet."],
        "stops": ["Vi stopper med obligatoriske CV-kurser for alle.", ""],
    },
    {
        "departments": [BU, SOF],
        "titles": [
            "Stærkere fællesskab for børn med særlige behov i {area}",
            "Børn med særlige behov i {area} er med i fællesskabet",
            "Sammenhæng for familier med børn med særlige behov i {area}",
            "Fritidsliv for alle børn i {area}",
        ],
        "whom": "børn med særlige behov og deres familier",
        "value": "Børnene er en del af fællesskabet i skole og fritid, og familierne oplever sammenhæng.",
        "city_goals": [ALL_CITY, HEALTH],
        "indicators": [
            ("Børn i specialtilbud, der går til en fritidsaktivitet", "børn", "higher", 20, 45, True),
            ("Familier med én fast koordinator", "familier", "higher", 30, 80, True),
            ("Forældres oplevelse af sammenhæng (1–5)", "point", "higher", 2.8, 3.8, False),
            ("Møder, familien skal deltage i om året", "møder", "lower", 14, 8, True),
            ("Børn, der går i klasse med jævnaldrende fra området", "børn", "higher", 15, 30, True),
        ],
        "evidence": [
            (
                "quote",
                "Ét møde i stedet for fire",
                "Nu sidder vi alle sammen ved samme bord. Jeg skal ikke fortælle det hele fire gange.",
                "Forælder",
                True,
            ),
            (
                "story",
                "Med på holdet",
                "Med en voksen ved siden af de første gange er han nu med på svømmeholdet hver uge.",
                "Pædagog",
                False,
            ),
            (
                "observation",
                "Færre aflysninger",
                "Familierne aflyser sjældnere møderne, efter vi holder dem hjemme hos familien.",
                "Koordinator",
                False,
            ),
        ],
        "learnings": [
            "Familierne har brug for én indgang, ikke flere tilbud.",
            "En voksen med de første gange gør fritidslivet muligt.",
            "Møder hjemme hos familien giver bedre samtaler.",
        ],
        "changes": ["Vi samler møderne til ét fælles møde.", "Vi følger børnene de første gange i klubben."],
        "stops": ["Vi stopper med separate statusmøder for hver faggruppe.", ""],
    },
    {
        "departments": [BA, TM],
        "titles": [
            "Lokale virksomheder i {area} får en hurtig vej ind",
            "Iværksættere i {area} får plads at vokse",
            "Flere lokale arbejdspladser i {area}",
            "Erhvervslivet i {area} får én indgang til kommunen",
        ],
        "whom": "små virksomheder og iværksættere",
        "value": "Virksomheder får hurtige, klare svar og en kontakt i kommunen, så de kan vokse og skabe job.",
        "city_goals": [GROWTH],
        "indicators": [
            ("Sagsbehandlingstid for erhvervsbyggesager", "dage", "lower", 60, 30, True),
            ("Nye virksomheder i området", "virksomheder", "higher", 35, 60, True),
            ("Virksomheders tilfredshed med kommunen (1–5)", "point", "higher", 3.0, 3.8, False),
            ("Iværksættere i fællesværkstedet", "personer", "higher", 8, 25, True),
            ("Nye lokale job i virksomheder, vi har hjulpet", "job", "higher", 0, 80, True),
        ],
        "evidence": [
            (
                "quote",
                "Én at ringe til",
                "Vi fik en kontaktperson, der kunne svare på det hele. Det sparede os for en måned.",
                "Indehaver af et bageri",
                True,
            ),
            (
                "story",
                "Værkstedet i den gamle skole",
                "Fire iværksættere deler nu værksted i den gamle skole og har tilsammen ansat fem.",
                "Erhvervskonsulent",
                False,
            ),
            (
                "observation",
                "Kortere kø",
                "Køen af byggesager fra virksomheder er halveret siden foråret.",
                "Teamleder i Byggeri",
                False,
            ),
        ],
        "learnings": [
            "Virksomhederne vil hellere have et tidligt møde end en lang vejledning.",
            "Fællesværksteder skaber samarbejde mellem iværksætterne.",
            "Ét sagsnummer på tværs af afdelinger sparer tid for alle.",
        ],
        "changes": ["Vi tilbyder et opstartsmøde inden ansøgningen.", "Vi giver hver sag én kontaktperson."],
        "stops": ["Vi stopper med at bede om de samme oplysninger to gange.", ""],
    },
    {
        "departments": [KB, BA],
        "titles": [
            "Flere borgere i {area} tager del i byens demokrati",
            "Borgere i {area} er med, når vi beslutter",
            "Lokal dialog om fremtidens {area}",
            "Unges stemmer i {area} bliver hørt",
        ],
        "whom": "borgere, der sjældent deltager i høringer og borgermøder",
        "value": "Flere borgere får indflydelse på beslutninger om deres eget lokalområde.",
        "city_goals": [COMMUNITY],
        "indicators": [
            ("Deltagere i lokale dialogmøder", "personer", "higher", 60, 200, True),
            ("Høringssvar fra borgere i området", "svar", "higher", 15, 60, True),
            ("Deltagere under 30 år", "procent", "higher", 12, 30, False),
            ("Forslag fra borgere, der er blevet til noget", "forslag", "higher", 0, 12, True),
            ("Tillid til, at kommunen lytter (1–5)", "point", "higher", 2.9, 3.6, False),
        ],
        "evidence": [
            (
                "quote",
                "Jeg blev faktisk hørt",
                "Vi foreslog en bænk ved søen, og nu står den der.",
                "Borger",
                True,
            ),
            (
                "observation",
                "Nye ansigter",
                "Halvdelen af deltagerne på biblioteket i aftes havde aldrig været til et borgermøde før.",
                "Bibliotekar",
                False,
            ),
            (
                "story",
                "Dialog på torvet",
                "Vi flyttede mødet ud på torvet en lørdag og talte med over 100 borgere på tre timer.",
                "Projektleder",
                False,
            ),
        ],
        "learnings": [
            "Vi skal tage mødet derhen, hvor borgerne er.",
            "Borgerne deltager igen, når de kan se, hvad der kom ud af det sidst.",
            "Korte spørgsmål giver flere svar end lange høringsmaterialer.",
        ],
        "changes": ["Vi melder tilbage til alle, der deltog.", "Vi holder møder på torvet og i biblioteket."],
        "stops": ["Vi stopper med at annoncere møderne i avisen.", ""],
    },
    {
        "departments": [SO],
        "titles": [
            "Flere ældre i {area} klarer hverdagen selv",
            "Rehabilitering i eget hjem i {area}",
            "Ældre i {area} genvinder kræfter i eget hjem",
            "Hverdagsrehabilitering i {area}",
        ],
        "whom": "ældre, der har fået brug for hjælp i hjemmet",
        "value": "Ældre genvinder kræfter og klarer mere selv, så de kan leve det liv, de ønsker, i eget hjem.",
        "city_goals": [HEALTH],
        "indicators": [
            ("Ældre, der klarer sig uden hjemmehjælp efter et forløb", "personer", "higher", 40, 75, True),
            ("Timers hjemmehjælp pr. uge i området", "timer", "lower", 900, 750, True),
            ("Borgere, der selv har sat målene for deres forløb", "procent", "higher", 35, 80, False),
            ("Faldulykker i hjemmet", "fald", "lower", 30, 18, True),
            ("Tilfredshed med forløbet (1–5)", "point", "higher", 3.4, 4.2, False),
        ],
        "evidence": [
            (
                "story",
                "Selv i bad igen",
                "Efter seks uger med træning i badeværelset klarer hun nu selv sit bad. "
                "Det var hendes eget mål.",
                "Terapeut",
                False,
            ),
            (
                "quote",
                "Mit eget mål",
                "Jeg ville kunne gå ned efter avisen. Nu gør jeg det hver morgen.",
                "Borger, 88 år",
                True,
            ),
            (
                "observation",
                "Færre besøg",
                "Tre borgere på ruten har ikke længere brug for morgenbesøget.",
                "Social- og sundhedshjælper",
                False,
            ),
        ],
        "learnings": [
            "Borgerens eget mål motiverer mere end vores.",
            "Træningen virker bedst i borgerens eget hjem og i hverdagens gøremål.",
            "Pårørende skal med fra starten.",
        ],
        "changes": [
            "Vi spørger om borgerens mål ved første besøg.",
            "Vi træner i hjemmet i stedet for i centret.",
        ],
        "stops": ["Vi stopper med at visitere til hjælp, før borgeren har fået et træningstilbud.", ""],
    },
    {
        "departments": [SOF, SO],
        "titles": [
            "Et trygt hjem for udsatte borgere i {area}",
            "Færre udsatte borgere i {area} står uden bolig",
            "Boligen først for hjemløse i {area}",
            "Flere udsatte i {area} bliver boende i egen bolig",
        ],
        "whom": "socialt udsatte borgere uden fast bolig",
        "value": "Udsatte borgere får et sted at bo og støtte til at blive boende, så resten af livet kan komme på plads.",
        "city_goals": [ALL_CITY, HEALTH],
        "indicators": [
            ("Borgere uden fast bolig", "personer", "lower", 85, 50, True),
            ("Borgere, der har boet i egen bolig i et år", "personer", "higher", 20, 45, True),
            ("Udsættelser fra boligen", "udsættelser", "lower", 25, 10, True),
            ("Borgere med en fast bostøtte", "personer", "higher", 30, 60, True),
            ("Nætter på herberg i alt pr. måned", "nætter", "lower", 1400, 900, True),
        ],
        "evidence": [
            (
                "story",
                "Nøglen til egen dør",
                "Efter fire år på gaden har han nu sin egen lejlighed. Bostøtten kommer "
                "to gange om ugen, og han har selv købt gardiner.",
                "Bostøttemedarbejder",
                False,
            ),
            (
                "quote",
                "Et sted at være",
                "Det første, jeg gjorde, var at sove en hel nat uden at være bange.",
                "Borger",
                True,
            ),
            (
                "observation",
                "Huslejen betalt",
                "Alle otte borgere i forløbet har betalt husleje til tiden de sidste tre måneder.",
                "Socialrådgiver",
                False,
            ),
        ],
        "learnings": [
            "Boligen først – derefter kommer resten lettere.",
            "En fast bostøtte, borgeren selv har valgt, holder forløbet.",
            "Udlejerne vil gerne, når de har én at ringe til.",
        ],
        "changes": ["Vi giver udlejerne et direkte nummer.", "Borgeren vælger selv sin bostøtte."],
        "stops": ["Vi stopper med krav om behandling, før der kan gives en bolig.", ""],
    },
]

# The seven Målkompas questions answered per theme, in the order of goals/defaults.py; {area} and {whom} are
# filled in. Where a theme has no answer of its own, the general one is used.
ANSWERS = [
    "At {whom} i {area} mærker en forskel i hverdagen – sagt med deres egne ord.",
    "For {whom} i {area}, og for de naboer, foreninger og kolleger, der er omkring dem.",
    "Enheden har sat målet sammen med {whom} og lokale samarbejdspartnere på to workshops.",
    "Indikatorerne viser udviklingen i tal; fortællinger og observationer fra hverdagen viser, om det "
    "giver mening for dem, det handler om.",
    "Lederen følger op hvert kvartal med medarbejderne; opfølgningen ender altid i en beslutning om at "
    "fortsætte, justere eller stoppe.",
    "Ja – medarbejderne tæt på borgerne har været med til at formulere målet, og borgerne genkender det.",
    "Vi har stoppet en intern rapportering for at få tid til målet.",
]

AREAS = [
    "Gellerup",
    "Bispehaven",
    "Viby",
    "Tilst",
    "Lystrup",
    "Skåde",
    "Trøjborg",
    "Frederiksbjerg",
    "Harlev",
    "Risskov",
    "Hasle",
    "Tranbjerg",
    "Beder",
    "Sabro",
    "Åby",
    "Egå",
    "Hjortshøj",
    "Brabrand",
    "Holme",
    "Vejlby",
    "Malling",
    "Mårslet",
    "Solbjerg",
    "Hørning",
    "Skejby",
    "Lisbjerg",
    "Trige",
    "Elsted",
    "Skødstrup",
    "Skjoldhøj",
    "Kolt",
    "Hasselager",
    "Stavtrup",
    "Gammel Åby",
    "Ormslev",
    "Tåstrup",
    "Mundelstrup",
    "Geding",
    "Todbjerg",
    "Spørring",
    "Møllevangen",
    "Fuglebakken",
    "Ellekær",
    "Christiansbjerg",
    "Åbyhøj",
    "Katrinebjerg",
    "Frydenlund",
    "Rosenhøj",
    "Herredsvang",
    "Aarhus Ø",
]
