using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Invitations;

/// <summary>An invitation as its tenant's admins see it: never its link, which only the invited mailbox receives.</summary>
public sealed record InvitationDto(
    Guid Id,
    string Email,
    IReadOnlyList<string> Permissions,
    string InvitedBy,
    InvitationState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSentAt,
    int SendCount,
    DateTimeOffset ExpiresAt
)
{
    public static InvitationDto From(Invitation invitation, DateTimeOffset now) =>
        new(
            invitation.Id,
            invitation.Email,
            [.. invitation.Permissions],
            invitation.InvitedByName,
            invitation.StateAt(now),
            invitation.CreatedAt,
            invitation.LastSentAt,
            invitation.SendCount,
            invitation.ExpiresAt
        );
}
