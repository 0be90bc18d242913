app_name = "fund"
urlpatterns: list = []
