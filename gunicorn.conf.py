"""gunicorn's settings for Steadfast: `gunicorn -c gunicorn.conf.py config.wsgi`.

`make run` and production use this file alike (docs/operations.md). Each value can be changed
from the environment, so one file serves a developer's laptop and an authority's servers.
"""

import multiprocessing
import os

# Loopback unless told otherwise: behind a load balancer, set GUNICORN_BIND to the address it
# reaches, for example 0.0.0.0:8000.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]

# Threaded workers: a request waiting on PostgreSQL, WeasyPrint or the mail server frees its
# worker's other threads. One process per core, each with a few threads, keeps every core busy
# while the GIL holds Python to one core a process.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A keep-alive connection stays open this long between requests. gunicorn's default of 2 seconds
# is shorter than the pause between clicks, and shorter than a load balancer's idle timeout (60 s
# on the common ones): when gunicorn closes an idle connection at the moment the client sends its
# next request on it, that request fails with the connection closed and nothing is logged, as
# gunicorn never read it. The server must be the side that waits longer, so it is never the one
# to close a connection a client is about to use.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))

# A worker that answers nothing for this long is restarted; the minutes PDF is the slowest page
# at about a second. On SIGTERM, requests under way get this long to finish.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30

# Each process starts afresh now and then, so no slow leak builds up; the jitter stops every
# worker restarting at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500

# Logs go to standard error and standard out, for systemd's journal or the container's log. The
# access log names the path without its query string, which can carry a searched child's name,
# and no referrer, which can carry one too; %(M)s is the time taken in milliseconds, and the
# client's address is the one the load balancer passes on.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

# The control socket would be one file per machine user, shared by every gunicorn that user
# runs; Steadfast does not use it.
control_socket_disable = True
