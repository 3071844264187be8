"""What the error page and error mails may show.

Django hides settings whose names contain words like KEY or SECRET. Haven's
pepper matches none of them, and a crash inside the vault would show the
data key or a passphrase among the local variables of the failing frame.
This filter hides those names too, in settings, request headers (the
environment, under runserver) and every frame's local variables.
"""

import re

from django.utils.regex_helper import _lazy_re_compile
from django.views.debug import SafeExceptionReporterFilter

HIDDEN_WORDS = (
    # Django's own list.
    "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE"
    # Haven's secrets and what is derived from them.
    "|PEPPER|DEK|KEK|STRETCHED|VERIFIER|PLAINTEXT|RECOVERY|DURESS|TOTP"
    # Addresses that may carry a password (DATABASE_URL, REDIS_URL, cache LOCATION).
    "|URL|LOCATION|DSN|CREDENTIAL"
)


class HiddenSecretsFilter(SafeExceptionReporterFilter):
    hidden_settings = _lazy_re_compile(HIDDEN_WORDS, flags=re.IGNORECASE)

    def get_traceback_frame_variables(self, request, tb_frame):
        shown = super().get_traceback_frame_variables(request, tb_frame)
        return [
            (name, self.cleansed_substitute if self.hidden_settings.search(name) else value)
            for name, value in shown
        ]
