"""Demo data for Vidensbanken."""


def build(ctx) -> None:
    return None
