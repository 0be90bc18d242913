"""Demo data for Samarbejdskompasset."""


def build(ctx) -> None:
    return None
