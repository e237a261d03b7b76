from django.db import migrations


class Migration(migrations.Migration):
    """What carers were told, and the numbers to call, moved to the carer_messages app, which
    adopts their tables (`carer_messages.0001_initial`); tables left behind, empty, on a new
    database are dropped."""

    dependencies = [
        ("carers_portal", "0001_carer_messages_and_contact_numbers"),
        ("carer_messages", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="CarerMessage"),
                migrations.DeleteModel(name="PortalContacts"),
            ],
            database_operations=[
                migrations.RunSQL(f"DROP TABLE IF EXISTS carers_portal_{name}", migrations.RunSQL.noop)
                for name in ("carermessage", "portalcontacts")
            ],
        ),
    ]
