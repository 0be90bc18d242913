"""Demo data for Det siger vi farvel til."""


def build(ctx) -> None:
    return None
