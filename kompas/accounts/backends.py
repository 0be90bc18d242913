"""The password login's backend: Django's, with the signed-in user read through the user cache."""

from django.contrib.auth import backends

from .user_cache import CachedUserMixin


class ModelBackend(CachedUserMixin, backends.ModelBackend):
    """``django.contrib.auth.backends.ModelBackend`` whose ``get_user`` uses ``kompas.accounts.user_cache``."""
