using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Tenants;

internal static class UserManagers
{
    /// <summary>Whether the tenant has a member other than this one who can manage users.</summary>
    public static async Task<bool> AnyOtherThan(IApplicationDbContext db, Guid membershipId, CancellationToken cancellationToken)
    {
        var others = await db.Memberships.AsNoTracking().Where(m => m.Id != membershipId).ToListAsync(cancellationToken);
        return others.Any(m => m.Has(Permissions.Users.Manage));
    }
}
