import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from steadfast.core.moved_models import CreateOrAdoptModel, moved_content_types


class Migration(migrations.Migration):
    """What the service told each foster carer, and the numbers the portal gives them to call,
    moved from the carers' portal so that the practice can tell carers without reaching up to
    the portal: a database that has their tables keeps them and their rows
    (`core.moved_models`)."""

    initial = True

    dependencies = [
        ("carers_portal", "0001_carer_messages_and_contact_numbers"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        CreateOrAdoptModel(
            name="PortalContacts",
            moved_from="carers_portal_portalcontacts",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "duty_line",
                    models.CharField(
                        help_text="The fostering service's number for what cannot wait for the supervising social worker",
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\+?[0-9][0-9 ()-]{5,30}$",
                                "Enter a telephone number, like 01632 960 001 or +44 1632 960 001",
                            )
                        ],
                        verbose_name="Fostering duty line",
                    ),
                ),
                (
                    "duty_line_hours",
                    models.CharField(
                        help_text="For example, Monday to Friday, 9am to 5pm",
                        max_length=200,
                        verbose_name="When the duty line is answered",
                    ),
                ),
                (
                    "out_of_hours",
                    models.CharField(
                        help_text="The emergency duty team, for evenings, weekends and bank holidays",
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\+?[0-9][0-9 ()-]{5,30}$",
                                "Enter a telephone number, like 01632 960 001 or +44 1632 960 001",
                            )
                        ],
                        verbose_name="Out of hours number",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "carers' portal contact numbers",
                "verbose_name_plural": "carers' portal contact numbers",
                "ordering": ["-created_at", "-id"],
            },
        ),
        CreateOrAdoptModel(
            name="CarerMessage",
            moved_from="carers_portal_carermessage",
            old_index_names={"carer_messa_carer_i_03c33d_idx": "carers_port_carer_i_7d5863_idx"},
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("subject", models.CharField(max_length=200)),
                ("body", models.TextField()),
                (
                    "link",
                    models.CharField(help_text="A page of the carers' portal, as a path", max_length=500),
                ),
                (
                    "emailed_at",
                    models.DateTimeField(blank=True, help_text="When it was emailed, if it was", null=True),
                ),
                (
                    "carer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="carer_messages",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(fields=["carer", "-created_at"], name="carer_messa_carer_i_03c33d_idx")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("subject", ""), _negated=True), models.Q(("body", ""), _negated=True)
                        ),
                        name="carer_message_says_something",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("link__startswith", "/")), name="carer_message_links_within_site"
                    ),
                ],
            },
        ),
        moved_content_types("carers_portal", "carer_messages", ["carermessage", "portalcontacts"]),
    ]
