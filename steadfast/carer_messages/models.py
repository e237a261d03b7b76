"""What the service has told each foster carer, and the numbers the portal gives them to call."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from steadfast.core.models import BaseModel

PHONE_NUMBER_INVALID = "Enter a telephone number, like 01632 960 001 or +44 1632 960 001"
phone_number = RegexValidator(r"^\+?[0-9][0-9 ()-]{5,30}$", PHONE_NUMBER_INVALID)


class CarerMessage(BaseModel):
    """Something the service told one carer: the email they were sent, or would have been sent
    had they an address, kept so they can read it again in their portal. The body names no
    child (emails can go astray); the link is a page of the portal, which needs a sign-in."""

    carer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="carer_messages"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=500, help_text="A page of the carers' portal, as a path")
    emailed_at = models.DateTimeField(null=True, blank=True, help_text="When it was emailed, if it was")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["carer", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(subject="") & ~Q(body=""), name="carer_message_says_something"
            ),
            models.CheckConstraint(condition=Q(link__startswith="/"), name="carer_message_links_within_site"),
        ]

    def __str__(self) -> str:
        return self.subject


class PortalContacts(BaseModel):
    """The numbers the carers' portal gives carers to call, as the authority's administrator
    sets them. The newest row is in force; with none, the portal says to ask the supervising
    social worker for them."""

    duty_line = models.CharField(
        "Fostering duty line",
        max_length=40,
        validators=[phone_number],
        help_text="The fostering service's number for what cannot wait for the supervising social worker",
    )
    duty_line_hours = models.CharField(
        "When the duty line is answered",
        max_length=200,
        help_text="For example, Monday to Friday, 9am to 5pm",
    )
    out_of_hours = models.CharField(
        "Out of hours number",
        max_length=40,
        validators=[phone_number],
        help_text="The emergency duty team, for evenings, weekends and bank holidays",
    )

    class Meta:
        verbose_name = "carers' portal contact numbers"
        verbose_name_plural = "carers' portal contact numbers"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Duty line {self.duty_line}, out of hours {self.out_of_hours}"
