from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_permissions


class BasePageForm(WagtailAdminPageForm):
    """The image chooser only offers images from the editor's own collections, but a crafted request could
    name any image id: refuse images the editor may not choose (a partner using another partner's photos)."""

    def clean(self):
        cleaned_data = super().clean()
        Image = get_image_model()
        if self.for_user is None or self.for_user.is_superuser:
            return cleaned_data
        allowed = None
        for name, field in self.fields.items():
            image = cleaned_data.get(name)
            if isinstance(field, forms.ModelChoiceField) and isinstance(image, Image):
                if allowed is None:
                    allowed = image_permissions.instances_user_has_permission_for(self.for_user, "choose")
                if not allowed.filter(pk=image.pk).exists():
                    self.add_error(name, _("Choose an image from your own collection."))
        return cleaned_data
