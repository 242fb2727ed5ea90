"""Seed the shared vocabularies in Dutch, English and French; the coordinator edits them afterwards."""

import uuid

from django.db import migrations

LOCALES = ["nl", "en", "fr"]

THRESHOLDS = [
    ("kost", "euro", ("Kostprijs", "Cost", "Coût")),
    ("vervoer", "bus", ("Vervoer en afstand", "Transport and distance", "Transport et distance")),
    ("taal", "speech", ("Taal", "Language", "Langue")),
    ("informatie", "info", ("Het niet weten", "Not knowing about it", "Ne pas être au courant")),
    ("inschrijving", "form", ("Inschrijven en papierwerk", "Registration and paperwork", "Inscription et formalités")),
    ("sociaal", "hand", ("Angst voor het onbekende of de groep", "Fear of the unknown or the group",
                         "Peur de l'inconnu ou du groupe")),
    ("digitaal", "wifi", ("Digitale toegang", "Digital access", "Accès numérique")),
    ("fysiek", "wheelchair", ("Fysieke toegankelijkheid", "Physical accessibility", "Accessibilité physique")),
    ("tijdstip", "clock", ("Tijdstip", "Timing", "Horaire")),
    ("toestemming", "shield", ("Toestemming van ouders", "Parental consent", "Autorisation parentale")),
]
SECTORS = [
    ("sport", "ball", ("Sport", "Sport", "Sport")),
    ("welzijn", "heart", ("Welzijn", "Welfare", "Bien-être")),
    ("cultuur", "palette", ("Cultuur", "Culture", "Culture")),
    ("jeugdwerk", "people", ("Jeugdwerk", "Youth work", "Travail de jeunesse")),
    ("onderwijs", "book", ("Onderwijs", "Education", "Enseignement")),
    ("werk", "briefcase", ("Werk", "Work", "Emploi")),
    ("gezondheid", "cross", ("Gezondheid", "Health", "Santé")),
]
THEMES = [
    ("sport", "ball", ("Sport en beweging", "Sport and exercise", "Sport et mouvement")),
    ("cultuur", "palette", ("Cultuur en creatief", "Culture and creativity", "Culture et créativité")),
    ("spel", "dice", ("Spel", "Games", "Jeux")),
    ("mediawijsheid", "phone", ("Mediawijsheid", "Media literacy", "Éducation aux médias")),
    ("welzijn", "heart", ("Welzijn en hulp", "Wellbeing and support", "Bien-être et aide")),
    ("ontmoeting", "people", ("Ontmoeting", "Meeting people", "Rencontre")),
    ("werk", "briefcase", ("Werk en toekomst", "Work and future", "Emploi et avenir")),
]
ACCESSIBILITY = [
    ("rolstoel", "wheelchair", ("Rolstoeltoegankelijk", "Wheelchair accessible", "Accessible en fauteuil roulant")),
    ("toilet", "wheelchair", ("Aangepast toilet", "Accessible toilet", "Toilettes adaptées")),
    ("prikkelarm", "hand", ("Prikkelarme ruimte", "Quiet room", "Espace calme")),
    ("eenvoudige-taal", "speech", ("Info in eenvoudige taal", "Easy-read information", "Informations en langage simple")),
]
NETELAND = ["Grobbendonk", "Herentals", "Herenthout", "Lille", "Olen", "Vorselaar"]
BEYOND = ["Geel", "Kasterlee", "Mechelen", "Mol", "Turnhout"]
LANGUAGES = ["nl", "en", "fr", "de", "ar", "tr", "pl", "uk", "ro", "es"]


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locales = [Locale.objects.get_or_create(language_code=code)[0] for code in LOCALES]

    def add(model_name, rows, **extra):
        model = apps.get_model("directory", model_name)
        for slug, icon, names in rows:
            key = uuid.uuid4()
            for locale, name in zip(locales, names, strict=True):
                fields = {"name": name, **extra}
                if icon is not None:
                    fields["icon"] = icon
                model.objects.get_or_create(slug=slug, locale=locale, defaults={**fields, "translation_key": key})

    add("Threshold", THRESHOLDS)
    add("Sector", SECTORS)
    add("Theme", THEMES)
    add("AccessibilityFeature", ACCESSIBILITY)
    add("Municipality", [(name.lower(), None, (name, name, name)) for name in NETELAND], in_neteland=True)
    add("Municipality", [(name.lower(), None, (name, name, name)) for name in BEYOND], in_neteland=False)
    Language = apps.get_model("directory", "Language")
    for code in LANGUAGES:
        Language.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
