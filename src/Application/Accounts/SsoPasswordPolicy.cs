using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Accounts;

/// <summary>
/// What the tenants of an account say about signing in with its password: a tenant that requires single
/// sign-on for the account's email domain refuses it, unless the account manages that tenant's users and the
/// tenant keeps a password for such admins (break-glass). One tenant refusing is enough: a session opens
/// every tenant of the account, so it cannot be granted for some and not the others.
/// </summary>
public sealed class SsoPasswordPolicy(IApplicationDbContext db, IUserDirectory users, ISsoProviders providers)
{
    public async Task<SsoPasswordDecision> DecideAsync(string email, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email, cancellationToken) is not { } user)
        {
            return SsoPasswordDecision.Allowed;
        }

        var memberships = await db
            .Memberships.IgnoreQueryFilters([TenantFilter.Name])
            .AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .ToListAsync(cancellationToken);
        if (memberships.Count == 0)
        {
            return SsoPasswordDecision.Allowed;
        }

        var tenantIds = memberships.Select(m => m.TenantId).ToList();
        var requiring = (await db.Tenants.AsNoTracking().Where(t => tenantIds.Contains(t.Id)).ToListAsync(cancellationToken))
            .Where(t => t.RequiresSsoFor(user.Email))
            .ToList();
        if (requiring.Count == 0)
        {
            return SsoPasswordDecision.Allowed;
        }

        var refusing = requiring.Where(t =>
            !(t.SsoAdminBreakGlass && memberships.Single(m => m.TenantId == t.Id).Has(Permissions.Users.Manage))
        );
        var provider = providers.All.FirstOrDefault(p => EmailDomains.Contains(p.EmailDomains, user.Email));
        return refusing.Any()
            ? new SsoPasswordDecision(true, [], provider?.DisplayName)
            : new SsoPasswordDecision(false, [.. requiring.Select(t => t.Id)], provider?.DisplayName);
    }
}
