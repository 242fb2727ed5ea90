"""Admin additions for the directory: the partner's dashboard, onboarding a partner from the page tree, and
what a partner sees of other partners' pages (live pages and live titles only, see hub/admin_privacy.py); the
partner's "still correct" (checking.py) and "copy for a next edition" (editions.py), and the coordinator's review:
readable comparisons and a confirmation of each decision (review.py)."""

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Locale, WorkflowState, get_default_page_content_type
from wagtail.permissions import page_permission_policy

from hub import languages
from hub.admin_privacy import TRANSLATIONS_REPORT, pages_seen_by
from hub.search import REGISTRY, SearchRequest, search

from . import checking, editions, review, setup, vocabulary_admin
from .admin_views import PageActionMixin
from .models import FinderPage, OfferPage, OrganisationPage
from .models.finder import date_preset, offer_cards
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
        # Annotated and prefetched for their status tags, which otherwise look up two things per offer.
        offers = (
            OfferPage.objects.filter(pk__in=pages.values("pk"))
            .select_related("locale")
            .annotate_approved_schedule()
            .prefetch_workflow_states()
        )
        review_before = offers_to_review_before()
        page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
        context.update(
            {
                "organisations": self.organisations,
                "csrf_token": parent_context["csrf_token"],  # for the "still correct" buttons
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


class OnboardPartnerView(PageActionMixin, FormView):
    """The coordinator's button for `manage.py onboard_partner`: same function, same result."""

    form_class = OnboardPartnerForm
    template_name = "directory/admin/onboard_partner.html"
    header_icon = "group"
    page_model = OrganisationPage

    def may(self, user, page):
        return can_onboard(user, page)

    def get_page_title(self):
        return _("Onboard partner")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organisation=self.page,
            action_url=self.request.path,
            submit_button_label=_("Onboard and invite"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            user, _group, _collection, created = onboard_partner(
                self.page, email=form.cleaned_data["email"], username=form.cleaned_data["username"] or None
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
            message % {"organisation": self.page.title, "user": user.get_username(), "email": user.email},
        )
        return redirect("wagtailadmin_explore", self.page.get_parent().pk)


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
def page_header_buttons(page, user, view_name, next_url=None):
    yield OnboardPartnerButton(page=page, priority=80)
    yield editions.NextEditionButton(page=page, priority=25)  # next to Wagtail's "Copy" (20)


@hooks.register("register_page_listing_more_buttons")
def page_listing_buttons(page, user, next_url=None):
    yield OnboardPartnerButton(page=page, priority=80)
    yield editions.NextEditionButton(page=page, priority=25)


@hooks.register("register_admin_urls")
def register_partner_and_review_urls():
    return [
        path(
            "directory/offers/<int:page_id>/still-correct/",
            checking.StillCorrectView.as_view(),
            name="directory_still_correct",
        ),
        path(
            "directory/offers/<int:page_id>/next-edition/",
            editions.NextEditionView.as_view(),
            name="directory_next_edition",
        ),
        path(
            "directory/pages/<int:page_id>/workflow/action/<slug:action_name>/<int:task_state_id>/",
            review.ConfirmedWorkflowAction.as_view(),
            name=review.ConfirmedWorkflowAction.submit_url_name,
        ),
    ]


hooks.register("register_log_actions", checking.register_log_action)
hooks.register("construct_homepage_panels", review.confirm_reviews_on_dashboard)
hooks.register("before_edit_page", review.remember_task_under_review)
hooks.register("after_edit_page", review.confirm_review_in_editor)


@hooks.register("before_move_page")
def refuse_move_confirmation_without_permission(request, page_to_move, destination):
    """Wagtail's move confirmation page checks the move only when it is posted, so anyone could open it
    for any page and see its draft title; refuse it up front with the same check the move itself uses."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


def listed_in(pages, language):
    """The pages (all their translations among them) listed in a language: its own, and those standing in there."""
    pages = list(pages)
    listed = languages.listed_languages(pages)
    return [page for page in pages if language in listed[page.pk]]


@hooks.register("construct_home_page_context")
def show_directory_on_home_page(page, request, context):
    """What is on, for the home page: this week's activities as the finder's "next 7 days" finds them (offers
    standing in for the visitor's language included), the next programme of several days (such as the chill week)
    with its first and last day, and the "our partners" cards: every live, public organisation, in the page's
    language or standing in for it (labelled, with its own `lang`, on its card).
    """
    language = languages.language_of(page)
    today = timezone.localdate()
    first, last = date_preset("week", today)
    week = search(
        SearchRequest(
            catalogue=REGISTRY["offers"], locale=language, date_from=first, date_to=last, sort="soonest", per_page=6
        )
    )
    private = OfferPage.objects.private_q()  # read once for the three lists below, as each `public()` would
    # Programmes and organisations are few: read them all (every language), keep those listed in this one.
    programmes = listed_in(OfferPage.objects.live().exclude(private).exclude(programme=[]), language)
    upcoming = [
        {"first": days[0], "last": days[-1], "offer": offer}
        for offer in programmes
        if (days := sorted(day.value["date"] for day in offer.programme)) and days[-1] >= today
    ]
    organisations = listed_in(OrganisationPage.objects.live().exclude(private).order_by("title"), language)
    prefetch_related_objects(organisations, "sectors", "logo__renditions")
    context.update(
        {
            "this_week": offer_cards(week.ids),
            "finder": FinderPage.objects.live().exclude(private).filter(locale_id=page.locale_id).first(),
            "programme": min(upcoming, key=lambda p: (p["first"], p["offer"].title), default=None),
            "organisations": organisations,
        }
    )


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

# The directory's shared lists, in the coordinator's Vocabularies menu.
vocabulary_admin.register()
