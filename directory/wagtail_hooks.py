"""Admin additions for the directory: the partner's dashboard, onboarding a partner from the page tree, and
what a partner sees of other partners' pages (live pages and live titles only, see hub/admin_privacy.py)."""

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Locale, WorkflowState, get_default_page_content_type
from wagtail.permissions import page_permission_policy

from hub.admin_privacy import TRANSLATIONS_REPORT, pages_seen_by

from . import setup
from .models import OfferPage, OrganisationPage
from .partners import AccountInUse, can_onboard, onboard_partner, organisations_for, partner_pages


def offers_to_review_before():
    """Offers last checked before this date are due for a check by their partner."""
    months = getattr(settings, "OFFER_REVIEW_AFTER_MONTHS", 6)
    return timezone.localdate() - relativedelta(months=months)


class PartnerDashboardPanel(Component):
    """What a partner comes to the admin for: its organisation, its offers, and what needs attention."""

    name = "partner_dashboard"
    template_name = "directory/admin/partner_dashboard.html"
    order = 50  # above Wagtail's own panels

    def __init__(self, user, organisations):
        self.user = user
        self.organisations = organisations

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        pages = partner_pages(self.user)
        offers = OfferPage.objects.filter(pk__in=pages.values("pk")).select_related("locale")
        review_before = offers_to_review_before()
        page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
        context.update(
            {
                "organisations": self.organisations,
                "offers": offers.order_by("locale_id", "title"),  # the default language (created first) on top
                "waiting": WorkflowState.objects.active()
                .filter(base_content_type=get_default_page_content_type(), object_id__in=page_ids)
                .select_related("current_task_state__task")
                .prefetch_related("content_object")
                .order_by("created_at"),
                "to_review": offers.filter(last_checked__lt=review_before).order_by("last_checked"),
                "review_months": getattr(settings, "OFFER_REVIEW_AFTER_MONTHS", 6),
            }
        )
        return context


@hooks.register("construct_homepage_panels")
def add_partner_dashboard(request, panels):
    # One line per organisation: the default-language page; translations are reached from its editor.
    organisations = list(organisations_for(request.user).filter(locale=Locale.get_default()))
    if organisations:
        panels.append(PartnerDashboardPanel(request.user, organisations))


class OnboardPartnerForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of the partner's contact person"))
    username = forms.CharField(
        label=gettext_lazy("Username"),
        required=False,
        max_length=150,
        validators=[get_user_model().username_validator],
        help_text=gettext_lazy("Leave empty to use the organisation's slug."),
    )


class OnboardPartnerView(WagtailAdminTemplateMixin, FormView):
    """The coordinator's button for `manage.py onboard_partner`: same function, same result."""

    form_class = OnboardPartnerForm
    template_name = "directory/admin/onboard_partner.html"
    header_icon = "group"

    def dispatch(self, request, page_id):
        self.organisation = get_object_or_404(OrganisationPage, pk=page_id)
        if not can_onboard(request.user, self.organisation):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return _("Onboard partner")

    def get_page_subtitle(self):
        return self.organisation.title

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organisation=self.organisation,
            action_url=self.request.path,
            submit_button_label=_("Onboard and invite"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            user, _group, _collection, created = onboard_partner(
                self.organisation, email=form.cleaned_data["email"], username=form.cleaned_data["username"] or None
            )
        except AccountInUse as error:
            form.add_error("username", str(error))
            return self.form_invalid(form)
        if created:
            message = _("%(organisation)s is onboarded: %(user)s got an invitation at %(email)s.")
        else:
            message = _("%(organisation)s was already onboarded (%(user)s): rights checked, no new invitation sent.")
        messages.success(
            self.request,
            message % {"organisation": self.organisation.title, "user": user.get_username(), "email": user.email},
        )
        return redirect("wagtailadmin_explore", self.organisation.get_parent().pk)


@hooks.register("register_admin_urls")
def register_onboarding_url():
    return [
        path(
            "directory/organisations/<int:page_id>/onboard/",
            OnboardPartnerView.as_view(),
            name="directory_onboard_partner",
        )
    ]


class OnboardPartnerButton(PageMenuItem):
    label = gettext_lazy("Onboard partner")
    icon_name = "group"
    url_name = "directory_onboard_partner"

    def is_shown(self, user):
        return self.page.specific_class is OrganisationPage and can_onboard(user, self.page)


@hooks.register("register_page_header_buttons")
def onboard_header_button(page, user, view_name, next_url=None):
    yield OnboardPartnerButton(page=page, priority=80)


@hooks.register("register_page_listing_more_buttons")
def onboard_listing_button(page, user, next_url=None):
    yield OnboardPartnerButton(page=page, priority=80)


@hooks.register("before_move_page")
def refuse_move_confirmation_without_permission(request, page_to_move, destination):
    """Wagtail's move confirmation page checks the move only when it is posted, so anyone could open it
    for any page and see its draft title; refuse it up front with the same check the move itself uses."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("construct_home_page_context")
def show_partners_on_home_page(page, request, context):
    """The home page's "our partners" cards: the live, public organisations in the page's language."""
    context["organisations"] = OrganisationPage.objects.live().public().filter(locale=page.locale).order_by("title")


@hooks.register("construct_page_chooser_queryset")
def choose_only_pages_one_may_see(pages, request):
    """The page chooser, its search and its listing: other partners' live pages (to link to), never their
    unpublished ones."""
    return pages_seen_by(request.user, pages)


@hooks.register("construct_explorer_page_queryset")
def explore_only_explorable_pages(parent_page, pages, request):
    """Wagtail lists only the pages an account may explore, but opens the explorer on any page below its root,
    with the page's title and status in the header: another partner's page stays closed."""
    if not page_permission_policy.explorable_instances(request.user).filter(pk=parent_page.pk).exists():
        raise PermissionDenied
    return pages


@hooks.register("construct_reports_menu")
def translations_report_for_translators(request, menu_items):
    """wagtail-localize shows its translations report to every account; it opens for translators only."""
    if not request.user.has_perm("wagtail_localize.submit_translation"):
        menu_items[:] = [item for item in menu_items if item.url != reverse(TRANSLATIONS_REPORT)]


# `manage.py setup_site` (hub/setup.py) creates this app's sections; the hook keeps the hub from importing apps.
hooks.register("setup_site", setup.setup)
