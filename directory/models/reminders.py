"""What `manage.py remind_partners` remembers between its weekly runs."""

from django.conf import settings
from django.db import models


class ReviewReminder(models.Model):
    """The last day a partner account was mailed about an offer to check: one row per account and offer, moved on
    with every reminder, so the command can tell what it already mailed this week. Shown nowhere: the command
    alone reads it (hence no translated labels and no permissions)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey("directory.OfferPage", on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["user", "offer"], name="one_review_reminder_per_offer")]

    def __str__(self):
        return f"{self.user} / {self.offer_id}, {self.sent_on}"
