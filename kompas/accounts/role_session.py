"""A signed-in user's roles, kept in their session so that a page costs no query for them.

The session holds ``[stamp, codes]``; the stamp is ``User.roles_version``, which every change of a user's roles
advances (the ``m2m_changed`` receiver below, whatever path changed them: services, the admin, ``roles.set``).
The user row is read on every request anyway, so a stale copy is noticed at once and read again. Read the stamp
before the roles: a change that commits in between leaves a copy with the old stamp, which the next request
replaces.
"""

from django.contrib.auth.signals import user_logged_in
from django.db.models import F
from django.db.models.signals import m2m_changed

from . import user_cache
from .models import User

SESSION_KEY = "kompas_roles"


def _roles_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not reverse:  # user.roles.add/remove/set/clear
        if action in ("post_add", "post_remove", "post_clear"):
            User.objects.filter(pk=instance.pk).update(roles_version=F("roles_version") + 1)
            user_cache.changed(instance.pk)
            instance._role_codes = None  # the instance's own copy is out of date too
        return
    if action in ("post_add", "post_remove"):  # role.users.add/remove
        users = list(pk_set or ())
    elif action == "pre_clear":  # role.users.clear(): the users are known only before
        users = list(instance.users.values_list("pk", flat=True))
    else:
        return
    User.objects.filter(pk__in=users).update(roles_version=F("roles_version") + 1)
    user_cache.changed(*users)


def _remember(session, user: User) -> None:
    session[SESSION_KEY] = [user.roles_version, sorted(user.role_codes())]


def _logged_in(sender, request, user, **kwargs) -> None:
    """Put the roles in the session as it is made, so the first page after login writes nothing more."""
    if request is not None and hasattr(request, "session") and isinstance(user, User):
        # the instance may predate a change of its roles: read the stamp, then the roles, from the database
        stamp = User.objects.filter(pk=user.pk).values_list("roles_version", flat=True).first()
        if stamp is not None:
            user.roles_version, user._role_codes = stamp, None
            _remember(request.session, user)


def register() -> None:
    m2m_changed.connect(_roles_changed, sender=User.roles.through, dispatch_uid="accounts.roles_version")
    user_logged_in.connect(_logged_in, dispatch_uid="accounts.roles_in_session")


class RolesInSessionMiddleware:
    """Fill ``user.role_codes()`` from the session when its stamp is current; else read and remember them.

    Place it after the authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and session is not None and user.is_authenticated and isinstance(user, User):
            stored = session.get(SESSION_KEY)
            stamp = user.roles_version
            if isinstance(stored, list) and len(stored) == 2 and stored[0] == stamp:
                user._role_codes = frozenset(stored[1])
            else:
                _remember(session, user)
        return self.get_response(request)
