using System.Globalization;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Invitations;

/// <summary>What an invitation's audit events say about it: whom, with what, until when. Never its token.</summary>
internal static class InvitationAudit
{
    public static IReadOnlyDictionary<string, string?> Data(Invitation invitation) =>
        new Dictionary<string, string?>
        {
            ["email"] = invitation.Email,
            ["permissions"] = string.Join(' ', invitation.Permissions),
            ["expires_at"] = invitation.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
        };
}
