"""Demo data for Udviklingspuljen."""


def build(ctx) -> None:
    return None
