"""The admin hands out only the images and documents someone may choose (hub/media.py), whatever the id asked.

Wagtail's admin API (`/admin/api/main/images/`, `.../documents/`) lists every collection the public may see,
and the image chooser's format step (`/admin/images/chooser/<id>/select_format/`) shows any image; both are
narrowed here to the user's own collections (the coordinator's are all of them). An image or document outside
them answers 404 everywhere, as the API already does for a restricted collection: "not yours" and "not there"
look the same, so the listing and the detail agree and a partner learns nothing about other partners' files.

wagtail-localize's translation editor saves an "override" of a synchronised field (a listing image, an image or
document block) as whatever value is sent, outside any form; the id sent is checked here by the same rule, so a
translator cannot put another partner's image in a translation either.

Kept apart from hub/media.py because the page models import that module before Wagtail's media models load,
and these views need them loaded.
"""

import functools
import io

from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail import hooks
from wagtail.blocks import ListBlock
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views.chooser import viewset as image_chooser
from wagtail_localize.models import OverridableSegment
from wagtail_localize.views import edit_translation

from .media import choosable


class ChoosableOnly:
    """An admin API endpoint that lists and shows only what the user may choose."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=choosable(self.model, self.request.user).values("pk"))


class ChoosableImagesAPIViewSet(ChoosableOnly, ImagesAdminAPIViewSet):
    pass


class ChoosableDocumentsAPIViewSet(ChoosableOnly, DocumentsAdminAPIViewSet):
    pass


# After Wagtail's own hooks (order 0), so these endpoints replace theirs under the same names.
@hooks.register("construct_admin_api", order=1)
def construct_admin_api(router):
    router.register_endpoint("images", ChoosableImagesAPIViewSet)
    router.register_endpoint("documents", ChoosableDocumentsAPIViewSet)


def choosable_image_only(view):
    @functools.wraps(view)
    def wrapper(request, image_id):
        if not choosable(get_image_model(), request.user).filter(pk=image_id).exists():
            raise Http404
        return view(request, image_id=image_id)

    return wrapper


def _referenced_model(model, field_path):
    """The model a synchronised value of `model` points at, from wagtail-localize's field path ("listing_image",
    "body.image", "body.section.image", "<child relation>.<field>"); None for plain values."""
    name, *rest = field_path.split(".")
    field = model._meta.get_field(name)
    if isinstance(field, StreamField):
        block = field.stream_block
        for part in rest:
            block = block.child_block if isinstance(block, ListBlock) else block.child_blocks[part]
        return getattr(block, "target_model", None)
    if field.one_to_many and rest:  # an inline child (its own translatable model)
        return _referenced_model(field.related_model, ".".join(rest))
    return field.related_model if field.many_to_one else None


def _sent_value(request):
    """The value a PUT sends (the editor sends a multipart form), read without using up the body the view reads."""
    body = request.body
    if request.content_type == "multipart/form-data":
        data, _files = request.parse_file_upload(request.META, io.BytesIO(body))
    else:
        data = QueryDict(body, encoding=request.encoding)
    return data.get("value", "")


def choosable_override_only(view):
    @functools.wraps(view)
    def wrapper(request, translation_id, overridable_segment_id):
        if request.method == "PUT":
            segment = get_object_or_404(OverridableSegment, pk=overridable_segment_id)
            source = segment.source.get_source_instance()
            model = _referenced_model(type(source), segment.context.get_field_path(source))
            if model in (get_image_model(), get_document_model()):
                value = str(_sent_value(request))
                if not (value.isdigit() and choosable(model, request.user).filter(pk=value).exists()):
                    raise PermissionDenied
        return view(request, translation_id=translation_id, overridable_segment_id=overridable_segment_id)

    return wrapper


# Before Wagtail's and wagtail-localize's own (order 0): the first pattern that matches the path answers, so
# these take the addresses while `reverse("wagtailimages_chooser:select_format")` and
# `reverse("wagtail_localize:edit_override")` keep giving them.
@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    return [
        path(
            f"{image_chooser.url_prefix}/<int:image_id>/select_format/",
            choosable_image_only(image_chooser.select_format_view),
        ),
        path(
            "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            choosable_override_only(edit_translation.edit_override),
        ),
    ]
