"""Who may see and manage whose account. Administrators: everyone. An
organisationsadministratör: the users of their own organisation, never an administrator.
Everyone else with an organisation: sees its users, manages nobody."""

from django.db.models import QuerySet

from samverkan.models import Party, User


def may_see_party_users(actor, party: Party) -> bool:
    return actor.is_portal_admin or (actor.is_active and actor.party_id == party.pk)


def may_manage_party(actor, party: Party) -> bool:
    return actor.is_portal_admin or (actor.is_org_admin and actor.party_id == party.pk)


def may_manage_user(actor, user: User) -> bool:
    if actor.is_portal_admin:
        return True
    return (
        actor.is_org_admin
        and user.party_id == actor.party_id
        and user.role != User.Role.ADMIN
        and not user.is_superuser
    )


def users_manageable_by(actor) -> QuerySet:
    users = User.objects.select_related("party")
    if actor.is_portal_admin:
        return users
    if actor.is_org_admin:
        return users.filter(party_id=actor.party_id, is_superuser=False).exclude(
            role=User.Role.ADMIN
        )
    return users.none()


def roles_assignable_by(actor, party: Party | None) -> list[tuple[str, str]]:
    """The roles ``actor`` may give someone of ``party``: a section chief belongs to an
    Arbetsförmedlingen unit; only an administrator makes administrators."""
    roles = [User.Role.OFFICIAL, User.Role.ORG_ADMIN]
    if party is None or party.is_employment_service:
        roles.insert(1, User.Role.SECTION_CHIEF)
    if actor.is_portal_admin:
        roles.append(User.Role.ADMIN)
    return [(role.value, role.label) for role in roles]
