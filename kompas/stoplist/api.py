from ninja import Router

router = Router(tags=["Det siger vi farvel til"])
