"""Rules about the Header table: who the child is."""

import polars as pl

from .. import codes
from ..validation import Flags, Tables, rule


@rule(
    "103",
    "The ethnicity code is either not valid or has not been entered.",
    fields={"Header": ["ETHNIC"]},
)
def ethnicity_code_is_valid(t: Tables) -> Flags:
    header = t["Header"]
    return {"Header": header.filter(~pl.col("ETHNIC").is_in(codes.ETHNICITY(t.year)).fill_null(False))["ROW"]}
