from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from wagtail.models import Locale

from directory.models import OrganisationPage
from directory.partners import AccountInUse, onboard_partner


class Command(BaseCommand):
    help = (
        "Give an organisation its partner group (add and change below its own page, in every language), "
        "a media collection and an account with an invitation e-mail. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="slug of the organisation page, for example 'jac'")
        parser.add_argument("--email", required=True, help="e-mail address of the partner's contact person")
        parser.add_argument("--username", help="account name (default: the organisation's slug)")
        parser.add_argument("--no-invitation", action="store_true", help="create the account without mailing it")

    def handle(self, *args, slug, email, username=None, no_invitation=False, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"'{email}' is not a valid e-mail address.") from error
        organisations = OrganisationPage.objects.filter(locale=Locale.get_default())
        organisation = organisations.filter(slug=slug).first()
        if organisation is None:
            known = ", ".join(organisations.order_by("slug").values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No organisation with slug '{slug}'. Known organisations: {known}.")

        try:
            user, group, collection, created = onboard_partner(
                organisation, email=email, username=username, send_invitation=not no_invitation
            )
        except AccountInUse as error:
            raise CommandError(str(error)) from error
        if created:
            invited = "not invited (--no-invitation)" if no_invitation else f"invitation sent to {user.email}"
            self.stdout.write(self.style.SUCCESS(f"Onboarded {organisation.title}: account '{user}', {invited}."))
        else:
            self.stdout.write(
                f"{organisation.title} was already onboarded: rights of '{group}' and collection '{collection}' "
                f"checked; account '{user}' kept (e-mail {user.email}), no new invitation."
            )
