using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Invitations;

/// <summary>Finds the invitation of a link. The link arrives outside any tenant URL: its token names the tenant.</summary>
internal static class InvitationTokens
{
    public static async Task<(Invitation Invitation, Tenant Tenant)?> FindAsync(
        IApplicationDbContext db,
        string token,
        CancellationToken cancellationToken
    )
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 128)
        {
            return null;
        }

        var hash = OAuthSecrets.Hash(token);
        var found = await db
            .Invitations.IgnoreQueryFilters()
            .Where(i => i.TokenHash == hash)
            .Join(db.Tenants, i => i.TenantId, t => t.Id, (i, t) => new { Invitation = i, Tenant = t })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Invitation, found.Tenant);
    }
}
