from ninja import Router

router = Router(tags=["Aarhuskompas-målingen"])
