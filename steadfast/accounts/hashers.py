"""How passwords are stored: Argon2id, at the cost OWASP's password storage guidance recommends."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Argon2id with 19 MiB of memory, two passes and one lane, OWASP's recommended minimum.

    Django's own Argon2 settings use 100 MiB and eight lanes for each sign-in: on a two-core
    server a few people signing in at once would take every core and over a gigabyte of memory.
    These take about 27 ms of one core, where PBKDF2 at Django's 1,500,000 iterations took
    450 ms, and Argon2id's memory-hardness makes guessing on graphics cards dearer than PBKDF2
    does. Hashes made with other settings or with PBKDF2 are upgraded at the next sign-in.
    """

    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
