"""The subcommands of `manage.py ssda903`, one module each. A module gives `HELP` (one line),
`add_arguments(parser)` and `run(options, out)`, where `out` is the command's output stream and
a `CommandError` tells the person what to do. `manage.py ssda903` finds the modules here, leaving
out those whose name starts with "_"."""
