"""Which images and documents someone may use: those in the collections they may choose from.

A partner chooses from its own collection, the coordinator from all of them. The choosers show no more, but
a crafted request can name any id, so what is saved (hub/forms.py) and what the admin hands out
(hub/media_hooks.py) are checked here against the same rule: Wagtail's "choose" permission per collection.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.documents.permissions import permission_policy as document_permissions
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_permissions

REFUSALS = {
    "image": _("Choose an image from your own collection."),
    "document": _("Choose a document from your own collection."),
}


def _policies():
    # Looked up when asked, not at import: the page models import this module before Wagtail's media models load.
    return {
        get_image_model(): (image_permissions, REFUSALS["image"]),
        get_document_model(): (document_permissions, REFUSALS["document"]),
    }


def choosable(model, user):
    """The images or documents (`model`) this user may put in content."""
    policy, _refusal = _policies()[model]
    return model.objects.filter(collection__in=policy.collections_user_has_permission_for(user, "choose"))


def _references(form):
    """(field name, model, id) of everything the form's cleaned data points at, down to blocks and rich text.

    Wagtail's reference index reads content the same way (`extract_references` on StreamField and rich-text
    fields, which walk nested struct, stream and list blocks), so no kind of block or embed is missed.
    """
    for name, value in form.cleaned_data.items():
        try:
            field = form._meta.model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # a form-only field (comments, scheduling): it holds no content
        if value is None or value == "":
            continue
        if field.many_to_one:
            yield name, field.related_model, str(value.pk)
        elif hasattr(field, "extract_references"):
            for model, object_id, _model_path, _content_path in field.extract_references(value):
                yield name, model, str(object_id)


def refuse_foreign_media(form, user):
    """Add an error to each field of `form` that uses an image or document `user` may not choose."""
    policies = _policies()
    wanted = {}
    for name, model, object_id in _references(form):
        if model in policies:
            wanted.setdefault(model, set()).add((name, object_id))
    for model, references in wanted.items():
        # Ids come from request data (rich text carries them as text): anything but a number is no image of ours.
        ids = {object_id for _name, object_id in references if object_id.isdigit()}
        allowed = {str(pk) for pk in choosable(model, user).filter(pk__in=ids).values_list("pk", flat=True)}
        _policy, refusal = policies[model]
        for name in sorted({name for name, object_id in references if object_id not in allowed}):
            form.add_error(name, refusal)
