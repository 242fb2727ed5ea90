"""Seed the library's vocabularies in Dutch, English and French; the coordinator edits them afterwards."""

import uuid

from django.db import migrations

LOCALES = ["nl", "en", "fr"]

# slug, (age_min, age_max), names in nl, en, fr
TARGET_GROUPS = [
    ("jongeren-10-12", (10, 12), ("Jongeren van 10 tot 12 jaar", "Young people aged 10 to 12", "Jeunes de 10 à 12 ans")),
    ("jongeren-12-14", (12, 14), ("Jongeren van 12 tot 14 jaar", "Young people aged 12 to 14", "Jeunes de 12 à 14 ans")),
    ("jongeren-15-18", (15, 18), ("Jongeren van 15 tot 18 jaar", "Young people aged 15 to 18", "Jeunes de 15 à 18 ans")),
    ("jongvolwassenen-18-25", (18, 25), ("Jongvolwassenen van 18 tot 25 jaar", "Young adults aged 18 to 25",
                                         "Jeunes adultes de 18 à 25 ans")),
    ("leerkrachten", (None, None), ("Leerkrachten", "Teachers", "Enseignants")),
    ("zorgteam-directie", (None, None), ("Zorgleerkrachten en schooldirectie", "Care teachers and school leadership",
                                         "Enseignants de soutien et direction")),
    ("ouders", (None, None), ("Ouders", "Parents", "Parents")),
    ("jeugd-preventiewerkers", (None, None), ("Jeugd- en preventiewerkers", "Youth and prevention workers",
                                              "Travailleurs de jeunesse et de prévention")),
    ("communicatieambtenaren", (None, None), ("Communicatieambtenaren", "Communication officers",
                                              "Responsables de la communication")),
    ("beleidsmakers", (None, None), ("Beleidsmakers", "Policy makers", "Décideurs politiques")),
]
THEMES = [
    ("mediawijsheid", ("Mediawijsheid", "Media literacy", "Éducation aux médias")),
    ("online-polarisatie", ("Online polarisatie", "Online polarisation", "Polarisation en ligne")),
    ("online-haat", ("Online haatspraak", "Online hate", "Haine en ligne")),
    ("cyberpesten", ("Cyberpesten", "Cyberbullying", "Cyberharcèlement")),
    ("privacy", ("Privacy en gegevens delen", "Privacy and data sharing", "Vie privée et partage de données")),
    ("sociaal-isolement", ("Sociaal isolement", "Social isolation", "Isolement social")),
    ("vrijetijdsparticipatie", ("Vrijetijdsparticipatie", "Leisure participation", "Participation aux loisirs")),
    ("online-outreach", ("Online outreach", "Online outreach", "Travail de proximité en ligne")),
]
FORMATS = [
    ("lespakket", ("Lespakket", "Lesson package", "Dossier pédagogique")),
    ("workshop", ("Workshop", "Workshop", "Atelier")),
    ("train-the-trainer", ("Train-the-trainer", "Train-the-trainer", "Formation de formateurs")),
    ("ouderavond", ("Ouderavond", "Parents' evening", "Soirée pour parents")),
    ("weekprogramma", ("Weekprogramma", "Week programme", "Programme d'une semaine")),
    ("participatief-traject", ("Participatief traject", "Participatory trajectory", "Trajet participatif")),
    ("focusgroep", ("Focusgroep", "Focus group", "Groupe de discussion")),
    ("hackathon", ("Hackathon", "Hackathon", "Hackathon")),
]


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locales = [Locale.objects.get_or_create(language_code=code)[0] for code in LOCALES]

    def add(model_name, rows):
        model = apps.get_model("resources", model_name)
        for position, (slug, names, extra) in enumerate(rows):
            key = uuid.uuid4()
            for locale, name in zip(locales, names, strict=True):
                model.objects.get_or_create(
                    slug=slug,
                    locale=locale,
                    defaults={"name": name, "translation_key": key, "sort_order": position, **extra},
                )

    add("TargetGroup", [(slug, names, {"age_min": ages[0], "age_max": ages[1]}) for slug, ages, names in TARGET_GROUPS])
    add("MethodTheme", [(slug, names, {}) for slug, names in THEMES])
    add("MethodFormat", [(slug, names, {}) for slug, names in FORMATS])


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
