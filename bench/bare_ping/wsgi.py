import os

from django.core.wsgi import get_wsgi_application

# Forced: the environment it starts in names Haven's settings.
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bare_ping.settings"
application = get_wsgi_application()
