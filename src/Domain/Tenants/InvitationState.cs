namespace Natero.Connectors.Domain.Tenants;

public enum InvitationState
{
    Pending,
    Accepted,
    Revoked,
    Expired,
}
