from django.contrib.auth import logout

from core.middleware import needs_nothing
from core.views import busy
from vault import gate, session


class VaultMiddleware:
    """Puts the open vault (a Box, or None) on `request.vault`; enforces the idle lock.

    Opening costs one AES-GCM decryption of 32 bytes, so it is done eagerly.
    A session whose key predates the account's last key change is ended here
    (Django's session hash, which includes the same epoch, usually ends it
    first; this is the vault's own check).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.vault = None
        if needs_nothing(request):
            # Asking whether someone is signed in would load the session and
            # the account: two queries a health check has no use for.
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and session.SESSION_KEY in request.session:
            minutes = getattr(user, "auto_lock_minutes", 15) or 15
            if session.outdated(request):
                session.lock(request)
                logout(request)
            elif session.idle_too_long(request, minutes * 60):
                session.lock(request)
            else:
                request.vault = session.open_box(request)
                if request.vault is not None:
                    session.touch(request)
        with gate.serving_a_request():
            response = self.get_response(request)
        session.apply_cookie(request, response)
        return response

    def process_exception(self, request, exception):
        # Sign-in and unlock say so on their own form; any other page that
        # runs Argon2id (sign-up, a new passphrase) answers here.
        if isinstance(exception, gate.Busy):
            return busy(request, gate.Busy.retry_after)
        return None
