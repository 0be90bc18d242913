"""Signed links for people who answer without an account (django.core.signing; nothing is stored).

The confirmation link proves the address: the answer counts only once it has been opened, within
``CONFIRM_MAX_AGE``. The receipt link lets the respondent read their answer and, once the hearing note is out,
what became of it. Each is signed with its own salt, so one can never stand in for the other.
"""

from django.core import signing

CONFIRM_SALT = "kompas.hearings.confirm-answer"
RECEIPT_SALT = "kompas.hearings.answer-receipt"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 14  # two weeks


def confirm_token(answer_id: int) -> str:
    return signing.dumps({"a": answer_id}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # also an expired link (SignatureExpired is a BadSignature)
        return None
    return _answer_id(data)


def receipt_token(answer_id: int) -> str:
    return signing.dumps({"a": answer_id}, salt=RECEIPT_SALT, compress=True)


def read_receipt_token(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=RECEIPT_SALT)
    except signing.BadSignature:
        return None
    return _answer_id(data)


def _answer_id(data: object) -> int | None:
    if isinstance(data, dict) and isinstance(data.get("a"), int) and 0 < data["a"] < 2**63:
        return int(data["a"])
    return None
