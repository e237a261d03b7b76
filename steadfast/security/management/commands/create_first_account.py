"""The first administrator, or the first security officer, of a new installation: made with no
password, taken as confirmed (no manager is there yet to confirm it), and its activation link
printed here as well as emailed, so that its owner chooses the password. It refuses when an
active account of that role exists: after the first, accounts are made in the admin and
confirmed by a manager or security officer (ADR 0036)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from steadfast.accounts.models import Role, User
from steadfast.security import services
from steadfast.security.notifications import activation_link

FIRST_ROLES = {"administrator": Role.ADMINISTRATOR, "security_officer": Role.SECURITY_OFFICER}
ALREADY_ONE = "There is already an active {role}: ask them to make the account in the admin."


class Command(BaseCommand):
    help = "Make the first administrator or security officer of a new installation."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--role", choices=sorted(FIRST_ROLES), default="administrator")

    def handle(self, *args, **options) -> None:
        role = FIRST_ROLES[options["role"]]
        if User.objects.filter(role=role, is_active=True).exists():
            raise CommandError(ALREADY_ONE.format(role=role.label.lower()))
        try:
            user = services.create_account(
                actor=None,
                username=options["username"],
                email=options["email"],
                role=role,
                first_name=options["first_name"],
                last_name=options["last_name"],
                is_staff=role == Role.ADMINISTRATOR,
                confirmed=True,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"Made {role.label.lower()} {user.username}. They choose their password here:")
        self.stdout.write(activation_link(user))
