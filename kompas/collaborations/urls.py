app_name = "collaborations"
urlpatterns: list = []
