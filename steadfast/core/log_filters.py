"""Filters for the log, set in the LOGGING setting."""

import logging

from .errors import database_unavailable


class DatabaseUnavailableFilter(logging.Filter):
    """While the database is down every request fails the same way: log one line a request
    saying so, rather than the same traceback again and again."""

    def filter(self, record: logging.LogRecord) -> bool:
        exception = record.exc_info[1] if record.exc_info else None
        if database_unavailable(exception):
            first_line = str(exception).strip().splitlines()[0] if str(exception).strip() else ""
            record.msg = f"{record.getMessage()} (the database could not be reached: {first_line})"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True
