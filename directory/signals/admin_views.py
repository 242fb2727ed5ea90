"""The Wagtail admin side: signallers record, partners see their own offers, coordinators the network."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import roles
from .forms import AnswerForm, PeriodForm, TallyForm, as_id
from .models import Signal, SignalAnswer
from .reports import Period, network_report, partner_report, write_csv

HOME = {"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")}


class RoleRequiredMixin:
    """Each view belongs to one role; anyone else gets a plain 403."""

    def has_role(self, user):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.has_role(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def period_from(request):
    form = PeriodForm(request.GET or None)
    return form, Period.between(*form.months())


class RecordView(RoleRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "signals/admin/record.html"
    page_title = gettext_lazy("Record signals")
    header_icon = "comment"
    breadcrumbs_items = [HOME]

    def has_role(self, user):
        return roles.can_record(user)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or TallyForm()
        context["recent"] = Signal.objects.filter(recorded_by=self.request.user).prefetch_related("counts")[:20]
        return context

    def post(self, request):
        form = TallyForm(request.POST)
        if form.is_valid():
            signal = form.save(request.user)
            total = sum(count.count for count in signal.counts.all())
            messages.success(request, _("Thank you. %(count)s mentions recorded.") % {"count": total})
            return redirect("signals_admin:record")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class DeleteRecordingView(RoleRequiredMixin, View):
    """A signaller corrects a mistake: only their own tallies."""

    def has_role(self, user):
        return roles.can_record(user)

    def post(self, request, pk):
        deleted, _rows = Signal.objects.filter(
            pk=as_id(pk), recorded_by=request.user, source=Signal.Source.PROFESSIONAL
        ).delete()
        if deleted:
            messages.success(request, _("The tally was deleted."))
        else:
            messages.error(request, _("This tally does not exist (any more), or someone else recorded it."))
        return redirect("signals_admin:record")


class PartnerReportView(RoleRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "signals/admin/partner_report.html"
    page_title = gettext_lazy("Signals about your offers")
    header_icon = "comment"
    breadcrumbs_items = [HOME]

    def has_role(self, user):
        return roles.is_partner(user)

    def get_context_data(self, answer_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        period_form, period = period_from(self.request)
        offers = roles.partner_offers(self.request.user)
        context.update(
            period_form=period_form,
            report=partner_report(self.request.user, period),
            answer_form=answer_form or AnswerForm(offers=offers.live()),
        )
        return context

    def post(self, request):
        """'We answered this': only about one of this partner's own offers (the form's choices say so)."""
        form = AnswerForm(request.POST, offers=roles.partner_offers(request.user).live())
        if form.is_valid():
            form.save()
            messages.success(request, _("Thank you. Your answer now shows on the offer page."))
            return redirect("signals_admin:partner")
        return self.render_to_response(self.get_context_data(answer_form=form), status=400)


class DeleteAnswerView(RoleRequiredMixin, View):
    def has_role(self, user):
        return roles.is_partner(user)

    def post(self, request, pk):
        keys = roles.partner_offers(request.user).values_list("translation_key", flat=True)
        deleted, _rows = SignalAnswer.objects.filter(pk=as_id(pk), offer_key__in=list(keys)).delete()
        if deleted:
            messages.success(request, _("The answer no longer shows on the offer page."))
        else:
            messages.error(request, _("This answer does not exist (any more), or it is about another partner's offer."))
        return redirect("signals_admin:partner")


class NetworkReportView(RoleRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "signals/admin/network_report.html"
    page_title = gettext_lazy("Signals in the network")
    header_icon = "comment"
    breadcrumbs_items = [HOME]

    def has_role(self, user):
        return roles.sees_network(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period_form, period = period_from(self.request)
        query = self.request.GET.urlencode()
        context.update(
            period_form=period_form,
            report=network_report(period),
            csv_url=f"{reverse('signals_admin:network_csv')}{'?' + query if query else ''}",
        )
        return context


class NetworkCSVView(RoleRequiredMixin, View):
    def has_role(self, user):
        return roles.sees_network(user)

    def get(self, request):
        _form, period = period_from(request)
        report = network_report(period)
        stream = io.StringIO()
        write_csv(report, stream)
        response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="signals_{period.slug()}.csv"'
        return response
