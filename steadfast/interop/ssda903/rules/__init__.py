"""The Department's validation rules, one module for each table a rule is mostly about. Importing
this package registers every rule with `validation.rule`."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
