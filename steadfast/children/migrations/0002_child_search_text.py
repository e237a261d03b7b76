"""Each child's names and identifier as searches compare them."""

from django.db import migrations, models

from steadfast.children.search import folded


def fill(apps, schema_editor):
    Child = apps.get_model("children", "Child")
    children = list(
        Child.objects.only("legal_first_name", "legal_last_name", "preferred_name", "child_identifier")
    )
    for child in children:
        child.search_text = folded(
            " ".join(
                [child.legal_first_name, child.legal_last_name, child.preferred_name, child.child_identifier]
            )
        )
    Child.objects.bulk_update(children, ["search_text"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="child",
            name="search_text",
            field=models.CharField(editable=False, max_length=400, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
