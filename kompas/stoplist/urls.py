app_name = "stoplist"
urlpatterns: list = []
