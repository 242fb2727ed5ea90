from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_phone = RegexValidator(
    r"^\+?[0-9][0-9 ()./-]{5,19}$",
    _("Enter a phone number with digits, spaces and an optional leading +, for example +32 14 00 00 00."),
)
