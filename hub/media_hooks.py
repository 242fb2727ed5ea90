"""The admin hands out only the images and documents someone may choose (hub/media.py), whatever the id asked.

Wagtail's admin API (`/admin/api/main/images/`, `.../documents/`) lists every collection the public may see,
and the image chooser's format step (`/admin/images/chooser/<id>/select_format/`) shows any image; both are
narrowed here to the user's own collections (the coordinator's are all of them). An image or document outside
them answers 404 everywhere, as the API already does for a restricted collection: "not yours" and "not there"
look the same, so the listing and the detail agree and a partner learns nothing about other partners' files.

Kept apart from hub/media.py because the page models import that module before Wagtail's media models load,
and these views need them loaded.
"""

import functools

from django.http import Http404
from django.urls import path
from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views.chooser import viewset as image_chooser

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


# Before Wagtail's viewsets (order 0): the first pattern that matches the path answers, so this one takes
# the format step's address while `reverse("wagtailimages_chooser:select_format")` keeps giving it.
@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    return [
        path(
            f"{image_chooser.url_prefix}/<int:image_id>/select_format/",
            choosable_image_only(image_chooser.select_format_view),
        )
    ]
