def public_view(view):
    """Marks a view that anyone may read: it shows nothing private.

    The access test (tests/test_access.py) lets strangers see these pages and
    expects every other view to redirect them to sign in or answer 403/404/405.
    """
    view.haven_public = True
    return view
