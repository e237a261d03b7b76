"""`manage.py seed_demo --children N`: build the fictional demo authority; `--scenario
learning-brief` adds the learning brief's story to it (seeding the authority first when the
database is empty), once."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from steadfast.accounts.models import User
from steadfast.demo.learning_brief import seed_learning_brief
from steadfast.demo.services import seed_demo_authority
from steadfast.demo.staff import DEMO_USERS

LEARNING_BRIEF = "learning-brief"
PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-password"


def demo_password() -> str:
    """STEADFAST_DEMO_PASSWORD when set; otherwise the one generated at the first seed, kept in
    a git-ignored file so that later runs can print it again."""
    if os.environ.get("STEADFAST_DEMO_PASSWORD"):
        return os.environ["STEADFAST_DEMO_PASSWORD"]
    if PASSWORD_FILE.exists():
        return PASSWORD_FILE.read_text().strip()
    password = f"demo-{secrets.token_urlsafe(12)}"
    PASSWORD_FILE.write_text(password + "\n")
    return password


class Command(BaseCommand):
    help = "Build a clearly fictional authority with demo sign-ins for every role."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--children", type=int, default=400)
        parser.add_argument("--seed", type=int, default=2026, help="Random seed, for repeatable data")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing, quietly, when already seeded"
        )
        parser.add_argument("--print-sign-ins", action="store_true", help="Only print the demo sign-ins")
        parser.add_argument(
            "--scenario",
            choices=[LEARNING_BRIEF],
            help="Add a story to the demo authority, seeding the authority first if it is not there",
        )

    def handle(
        self,
        *args,
        children: int,
        seed: int,
        if_empty: bool,
        print_sign_ins: bool,
        scenario: str | None,
        **options,
    ) -> None:
        seeded = User.objects.filter(username="social.worker").exists()
        if not print_sign_ins:
            if seeded and (if_empty or scenario):
                self.stdout.write("Demo authority already seeded.")
            else:
                if children < 1:
                    raise CommandError("--children must be at least 1")
                try:
                    summary = seed_demo_authority(children=children, password=demo_password(), seed=seed)
                except ValidationError as error:
                    raise CommandError(error.messages[0]) from None
                self.stdout.write(
                    f"Seeded a fictional authority: {summary.children} children, {summary.households} "
                    f"households, {summary.providers} providers, {summary.staff} staff, "
                    f"{summary.placements} placements, {summary.supervision_sessions} supervision sessions, "
                    f"{summary.statutory_visits} statutory visits."
                )
            if scenario:
                self._seed_learning_brief()
        self._print_sign_ins()

    def _seed_learning_brief(self) -> None:
        try:
            story = seed_learning_brief(password=demo_password())
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        if story is None:
            self.stdout.write("The learning brief's story is already here.")
        else:
            self.stdout.write(
                f"Added the learning brief's story: {story.kit} and {story.rue}, {story.household}, "
                f"and the foster carer's sign-in {story.carer.username}. "
                f"Steps: {', '.join(story.steps_taken)}."
            )

    def _print_sign_ins(self) -> None:
        password = os.environ.get("STEADFAST_DEMO_PASSWORD") or (
            PASSWORD_FILE.read_text().strip() if PASSWORD_FILE.exists() else "(set STEADFAST_DEMO_PASSWORD)"
        )
        self.stdout.write("\nDemo sign-ins (all fictional), password for each: " + password)
        for username, first, last, role, _team in DEMO_USERS:
            self.stdout.write(f"  {username:<28} {first} {last}, {role.label}")
