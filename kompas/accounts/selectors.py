from django.db.models import Q, QuerySet
from django.http import Http404

from .models import ApiToken, User


def people_search(*, query: str = "") -> QuerySet[User]:
    people = User.objects.prefetch_related("roles").order_by("full_name", "email")
    if query:
        people = people.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    return people


def person_get(*, pk: int) -> User:
    try:
        return User.objects.prefetch_related("roles").get(pk=pk)
    except User.DoesNotExist as exc:
        raise Http404 from exc


def api_tokens_for(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def api_token_get_for_user(*, user: User, pk: int) -> ApiToken:
    """The same 404 for a token that does not exist and one that belongs to someone else."""
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404
    return token


def api_token_authenticate(*, raw: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(token_hash=ApiToken.hash(raw)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    return token.user
