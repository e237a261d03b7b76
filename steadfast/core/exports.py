"""What every file the service lets someone download carries, whichever app makes it.

Everything the service holds is about children in care, their families and their carers, so
every download is marked OFFICIAL-SENSITIVE under the Government Security Classifications: the
minutes as PDF and Word at the top and bottom of every page, an Excel download in its first row,
a CSV download on its first line. The marking is written in capitals, exactly as here, so that
anyone filing or forwarding the file sees how it must be handled.
"""

PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"
