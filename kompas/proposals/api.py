from ninja import Router

router = Router(tags=["Indstillinger"])
