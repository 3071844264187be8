app_name = "scripts"

urlpatterns: list = []
