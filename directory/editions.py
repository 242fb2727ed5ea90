"""A next edition of an offer: a copy in the same organisation with every date moved forward by whole weeks.

Whole weeks keep every session on its weekday (the chill week stays Monday to Friday). What moves: the dates
(start and end), the seasons of the weekly sessions, the registration deadline and the days of the programme.
The copy is a draft with a history of its own (Wagtail's Page.copy without the source's revisions, so the
editor opens on the moved dates); the partner checks it and submits it for approval like any change. It runs
Wagtail's before/after_copy_page hooks as Wagtail's own copy view does.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.coreutils import find_available_slug

from .admin_views import PageActionMixin
from .models import OfferDate, OfferPage, WeeklySlot


def can_copy_for_next_edition(user, offer):
    """Where the account may edit the offer and add offers: its own organisation (a partner), or any (coordinator)."""
    return offer.permissions_for_user(user).can_copy_to(offer.get_parent())


def _moved_programme(programme, shift):
    data = programme.get_prep_value()
    for day in data:
        if day["value"].get("date"):
            day["value"]["date"] = (datetime.date.fromisoformat(day["value"]["date"]) + shift).isoformat()
    return data


def _free_title(offer):
    """The offer's title, numbered when another offer of the organisation in that language already has it."""
    taken = set(OfferPage.objects.sibling_of(offer).values_list("title", flat=True))
    title, number = offer.title, 1
    while title in taken:
        number += 1
        title = f"{offer.title} ({number})"
    return title


def copy_for_next_edition(offer, user, weeks):
    """The offer copied as a draft next to it, its dates `weeks` weeks later."""
    if not can_copy_for_next_edition(user, offer):
        raise PermissionDenied
    shift = datetime.timedelta(weeks=weeks)

    def move(source, copy, relation, child):
        if isinstance(child, OfferDate):
            child.start += shift
            child.end += shift
        elif isinstance(child, WeeklySlot):
            child.season_start += shift
            child.season_end += shift

    title = _free_title(offer)
    update = {
        "title": title,
        "draft_title": title,
        "slug": find_available_slug(offer.get_parent(), offer.slug),
        "last_checked": timezone.localdate(),
        "programme": _moved_programme(offer.programme, shift),
    }
    if offer.registration_deadline:
        update["registration_deadline"] = offer.registration_deadline + shift
    return offer.copy(
        update_attrs=update, keep_live=False, copy_revisions=False, user=user, process_child_object=move
    ).specific


class NextEditionForm(forms.Form):
    weeks = forms.IntegerField(
        label=gettext_lazy("Move every date forward by (weeks)"),
        initial=52,
        min_value=1,
        max_value=520,
        help_text=gettext_lazy("52 weeks is a year later on the same weekday."),
    )


class NextEditionView(PageActionMixin, FormView):
    form_class = NextEditionForm
    template_name = "directory/admin/next_edition.html"
    header_icon = "copy"
    page_model = OfferPage

    def may(self, user, page):
        return can_copy_for_next_edition(user, page)

    def get(self, request, *args, **kwargs):
        return self.before_copy() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.before_copy() or super().post(request, *args, **kwargs)

    def before_copy(self):
        for fn in hooks.get_hooks("before_copy_page"):
            result = fn(self.request, self.page)
            if hasattr(result, "status_code"):
                return result
        return None

    def get_page_title(self):
        return _("Copy for a next edition")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            offer=self.page, action_url=self.request.path, submit_button_label=_("Make the copy"), **kwargs
        )

    def form_valid(self, form):
        copy = copy_for_next_edition(self.page, self.request.user, form.cleaned_data["weeks"])
        for fn in hooks.get_hooks("after_copy_page"):
            result = fn(self.request, self.page, copy)
            if hasattr(result, "status_code"):
                return result
        messages.success(
            self.request,
            _("'%(title)s' is copied as a draft with every date %(weeks)s weeks later. Check it and submit it.")
            % {"title": copy.get_admin_display_title(), "weeks": form.cleaned_data["weeks"]},
        )
        return redirect("wagtailadmin_pages:edit", copy.pk)


class NextEditionButton(PageMenuItem):
    label = gettext_lazy("Copy for a next edition")
    icon_name = "copy"
    url_name = "directory_next_edition"

    def is_shown(self, user):
        # On every row of the explorer: the rights the account holds here (inherited from the organisation page,
        # read from its cached rights), not a lookup of each row's parent. The view checks the parent itself.
        if self.page.specific_class is not OfferPage:
            return False
        rights = self.page.permissions_for_user(user)
        return rights.can_edit() and (user.is_superuser or "add" in rights.permissions)
