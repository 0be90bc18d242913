"""Demo data for Afprøvninger."""


def build(ctx) -> None:
    return None
