using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Invitations.Queries.GetInvitation;

/// <param name="AccountExists">Whether the invited email has an account already: then the person signs in to accept.</param>
public sealed record InvitationPreviewDto(
    string TenantName,
    string TenantSlug,
    string Email,
    IReadOnlyList<string> Permissions,
    string InvitedBy,
    InvitationState State,
    DateTimeOffset ExpiresAt,
    bool AccountExists
);
