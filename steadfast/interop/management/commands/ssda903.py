"""`manage.py ssda903 <subcommand>`: validate, import, export and count SSDA903 files. Each
subcommand is a module of `steadfast.interop.ssda903.commands`."""

import importlib
import pkgutil

from django.core.management.base import BaseCommand

from steadfast.interop.ssda903 import commands


def _subcommands():
    return {
        module.name: importlib.import_module(f"{commands.__name__}.{module.name}")
        for module in pkgutil.iter_modules(commands.__path__)
        if not module.name.startswith("_")
    }


class Command(BaseCommand):
    help = "Validate, import, export and count the SSDA903 return's files."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="subcommand", required=True, title="subcommands")
        for name, module in sorted(_subcommands().items()):
            module.add_arguments(subparsers.add_parser(name, help=module.HELP, description=module.HELP))

    def handle(self, *args, subcommand, **options):
        _subcommands()[subcommand].run(options, self.stdout)
