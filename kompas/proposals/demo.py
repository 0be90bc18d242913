"""Demo data for Indstillinger."""


def build(ctx) -> None:
    return None
