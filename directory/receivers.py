"""The directory's signal receivers; imported once by DirectoryConfig.ready()."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission, WorkflowState
from wagtail.signals import workflow_approved

from .models import OrganisationPage
from .review import ApprovalEmailNotifier


@receiver(post_save, sender=OrganisationPage, dispatch_uid="directory.extend_rights_to_new_translation")
def extend_rights_to_new_translation(sender, instance, created, raw=False, **kwargs):
    """A new translation (or alias) of an organisation page gets the partner rights its other languages have.

    Catches every way a translation is made (Wagtail's copy_for_translation, wagtail-localize's
    "Translate", aliases), because each ends in saving a new page with the same translation key.
    """
    if not created or raw:
        return
    granted = GroupPagePermission.objects.filter(page__translation_key=instance.translation_key)
    for group_id, permission_id in set(granted.values_list("group_id", "permission_id")):
        GroupPagePermission.objects.get_or_create(group_id=group_id, page=instance, permission_id=permission_id)


# Wagtail's approval mail to the partner, replaced by one that carries the coordinator's comment. Wagtail connects
# its own under this id when wagtail.admin is ready; whichever app is ready first, this one is what stays connected.
APPROVAL_MAIL = "workflow_state_approved_email_notification"
workflow_approved.disconnect(sender=WorkflowState, dispatch_uid=APPROVAL_MAIL)
workflow_approved.connect(ApprovalEmailNotifier(), sender=WorkflowState, dispatch_uid=APPROVAL_MAIL, weak=False)
