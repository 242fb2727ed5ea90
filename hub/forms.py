from wagtail.admin.forms import WagtailAdminPageForm

from .facts import FactsFromSourceForm
from .media import refuse_foreign_media


class BasePageForm(FactsFromSourceForm, WagtailAdminPageForm):
    """Every page editor's form. In a translation the facts are the source's (hub.facts). The choosers only offer
    images and documents from the editor's own collections, but a crafted request could name any id, in a field,
    a block or a rich-text link: refuse what the editor may not choose (a partner using another partner's photos or
    files)."""

    def clean(self):
        cleaned_data = super().clean()
        if self.for_user is not None:
            refuse_foreign_media(self, self.for_user)
        return cleaned_data
