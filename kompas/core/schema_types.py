"""Field types for API schemas (django-ninja / pydantic). Free text in the API passes the same CPR guard
as the forms: the request is refused with 422 and the Danish message, and the number is never stored."""

from typing import Annotated

from pydantic import AfterValidator, Field

from .cpr import CPR_MESSAGE, find_cpr_spans
from .validators import report_cpr_hit


def _refuse_cpr(value: str) -> str:
    if find_cpr_spans(value):
        report_cpr_hit(text=value, where="api")
        raise ValueError(CPR_MESSAGE)
    return value


FreeText = Annotated[str, AfterValidator(_refuse_cpr)]


# The largest value of a bigint column (PostgreSQL and SQLite alike). An id or filter beyond it cannot exist, and
# passing it to the database fails (an integer overflow): the schema refuses it with 422 first.
MAX_ID = 2**63 - 1

# A primary key in a path or query parameter (or a request body): 1 … MAX_ID.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
