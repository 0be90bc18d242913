"""Demo data for Aarhuskompas-målingen."""


def build(ctx) -> None:
    return None
