namespace Natero.Connectors.Application.Tenants.Queries.GetMembers;

/// <param name="HasSecondFactor">The member has an authenticator app or a passkey (what a tenant requiring one checks).</param>
public sealed record MemberDto(
    Guid MembershipId,
    Guid UserId,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Permissions,
    DateTimeOffset AddedAt,
    bool HasSecondFactor
);
