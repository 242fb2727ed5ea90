"""Keep the catalogues true: publishing, unpublishing, moving, deleting, view restrictions and the values documents
name (vocabularies, school holidays) update the documents at once."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import store
from .catalogue import REGISTRY, catalogue_for


def _refresh(page):
    page = page.specific
    for catalogue in REGISTRY.values():
        # Its translations too: which of them stands in for the languages they lack, and the languages each can be
        # read in (the method library's facet), follow this page.
        targets = [page, *page.get_translations().specific()] if catalogue.handles(page) else []
        _save_all(catalogue, targets + list(catalogue.dependents(page)))


def on_published(sender, instance, **kwargs):
    _refresh(instance)


def on_unpublished(sender, instance, **kwargs):
    _refresh(instance)


def _refresh_tree(root):
    for page in Page.objects.descendant_of(root, inclusive=True).specific():
        _refresh(page)


def on_moved(sender, instance, **kwargs):
    # The moved page and everything below it may now sit under another organisation, or a restricted page.
    _refresh_tree(instance)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="hub_search_restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="hub_search_unrestricted")
def on_view_restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again) takes everything below it out of the catalogues (or back in)."""
    _refresh_tree(instance.page)


def follow(catalogue):
    """Renaming or deleting a value a document names (catalogue.follows, catalogue.pages_using) updates the
    documents of the pages that name it; a deleted value's pages are looked up before it goes."""
    for model in catalogue.follows:
        uid = f"hub_search_{catalogue.name}_{model._meta.label_lower}"
        post_save.connect(_value_saved(catalogue), sender=model, weak=False, dispatch_uid=f"{uid}_saved")
        pre_delete.connect(_value_deleting(catalogue), sender=model, weak=False, dispatch_uid=f"{uid}_deleting")
        post_delete.connect(_value_deleted(catalogue), sender=model, weak=False, dispatch_uid=f"{uid}_deleted")


def _save_all(catalogue, pages):
    for page in pages:
        if page.live and not page.get_view_restrictions().exists():
            store.save_document(catalogue, page)
        else:
            store.remove_document(catalogue, page.pk)


def _value_saved(catalogue):
    def receiver(sender, instance, raw=False, **kwargs):
        if not raw:
            _save_all(catalogue, catalogue.pages_using(instance))

    return receiver


def _value_deleting(catalogue):
    def receiver(sender, instance, **kwargs):
        instance._search_pages = list(catalogue.pages_using(instance).values_list("pk", flat=True))

    return receiver


def _value_deleted(catalogue):
    def receiver(sender, instance, **kwargs):
        _save_all(catalogue, catalogue.page_model.objects.filter(pk__in=getattr(instance, "_search_pages", ())))

    return receiver


def on_deleted(sender, instance, **kwargs):
    catalogue = catalogue_for(instance)
    if catalogue is not None:
        store.remove_document(catalogue, instance.pk)
        # Its translations now stand in for the languages it was listed in.
        for translation in Page.objects.filter(translation_key=instance.translation_key).exclude(pk=instance.pk):
            _refresh(translation)


page_published.connect(on_published, dispatch_uid="hub_search_published")
page_unpublished.connect(on_unpublished, dispatch_uid="hub_search_unpublished")
post_page_move.connect(on_moved, dispatch_uid="hub_search_moved")
post_delete.connect(on_deleted, dispatch_uid="hub_search_deleted")
