"""Test data for the city council's place: the default committees, politicians and their seats."""

from kompas.accounts.models import User
from kompas.accounts.services import user_create
from kompas.core.roles import RoleCode
from kompas.council import services
from kompas.council.defaults import install
from kompas.council.models import Committee, CommitteeMembership
from kompas.organisations.defaults import install as install_departments
from kompas.organisations.models import Department


def committees() -> dict[str, Committee]:
    """The default committees by slug (installed again after a transactional test flushed them)."""
    if not Department.objects.exists():
        install_departments(Department)
    install(Committee, Department)
    return {committee.slug: committee for committee in Committee.objects.all()}


def politician(email: str, name: str = "Poul Politiker") -> User:
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        return existing
    return user_create(
        email=email, full_name=name, password="test-password-123", roles=[RoleCode.POLITICIAN], actor=None
    )


def seat(user: User, slug: str, *, group_chair: bool = False, chair: bool = False) -> CommitteeMembership:
    return services.membership_add(
        committee=committees()[slug],
        user=user,
        actor=None,
        party="Testpartiet",
        is_chair=chair,
        is_group_chair=group_chair,
    )
