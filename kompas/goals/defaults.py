"""Default Målkompas reflection questions (DESIGN §3, our wording). Programme staff edit them as new versions."""

QUESTIONS = [
    ("Hvad handler målet om?", "Sig det kort og med borgerens ord."),
    ("For hvem skaber målet værdi?", "Hvilke borgere, grupper eller dele af samfundet mærker forskellen?"),
    ("Hvem har sat målet, og sammen med hvem?", "Medarbejdere, borgere, foreninger, virksomheder?"),
    (
        "Hvordan ved vi, at vi lykkes – i tal og i erfaringer?",
        "Hvilke indikatorer, og hvilke fortællinger eller observationer?",
    ),
    ("Hvem følger op, og hvad bruges opfølgningen til?", "Opfølgning skal føre til læring, ikke kontrol."),
    ("Giver målet mening for dem, der skaber værdien?", "Har medarbejdere og borgere været spurgt?"),
    ("Hvad holder vi op med for at gøre plads?", "Færre, men vigtige mål – hvad siger vi farvel til?"),
]


def install(question_set_model, question_model, policy_model) -> None:
    """Create version 1 of the questions and the default settings if missing (idempotent)."""
    if not question_set_model.objects.exists():
        question_set = question_set_model.objects.create(
            version=1, is_current=True, note="Kompas' standardspørgsmål"
        )
        for order, (text, help_text) in enumerate(QUESTIONS, start=1):
            question_model.objects.create(
                question_set=question_set, order=order, text=text, help_text=help_text
            )
    if not policy_model.objects.exists():
        policy_model.objects.create()
