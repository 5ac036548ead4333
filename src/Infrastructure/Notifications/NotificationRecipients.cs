using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Notifications;
using Natero.Connectors.Domain.Accounts;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Notifications;

/// <summary>
/// Reads memberships, platform roles and preferences for the emails that events and the digest send. Those run in
/// a scope bound to no tenant, so the tenant filter is lifted and the tenant is named in the query instead.
/// </summary>
internal sealed class NotificationRecipients(ApplicationDbContext db) : INotificationRecipients
{
    public async Task<IReadOnlyList<NotificationRecipient>> ConnectorAdminsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var members = await db
            .Memberships.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(m => m.TenantId == tenantId)
            .ToListAsync(cancellationToken);
        var configurers = members.Where(m => m.Has(Permissions.DataConnectors.Configure)).Select(m => m.UserId).ToList();
        return await ReachableAsync(configurers, p => p.ConnectionEmails, cancellationToken);
    }

    public async Task<IReadOnlyList<NotificationRecipient>> DigestSubscribersAsync(CancellationToken cancellationToken) =>
        await ReachableAsync(await HoldersAsync(PlatformRoles.All, cancellationToken), p => p.DailyDigest, cancellationToken);

    public async Task<IReadOnlyList<NotificationRecipient>> PlatformStaffAsync(CancellationToken cancellationToken) =>
        await ReachableAsync(
            await HoldersAsync([PlatformRoles.PlatformAdmin], cancellationToken),
            p => p.ConnectionEmails,
            cancellationToken
        );

    private async Task<List<Guid>> HoldersAsync(IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        await db
            .UserRoles.AsNoTracking()
            .Join(db.Roles.Where(r => roles.Contains(r.Name!)), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Distinct()
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The accounts among <paramref name="userIds"/> that exist, are not disabled, have an address and want the email
    /// (<paramref name="wants"/> of their preferences, or of the defaults when they never chose).
    /// </summary>
    private async Task<IReadOnlyList<NotificationRecipient>> ReachableAsync(
        List<Guid> userIds,
        Func<NotificationPreferences, bool> wants,
        CancellationToken cancellationToken
    )
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        var chosen = await db
            .NotificationPreferences.AsNoTracking()
            .Where(p => userIds.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToListAsync(cancellationToken);
        return
        [
            .. users
                .Where(u => !string.IsNullOrWhiteSpace(u.Email) && !UserDirectory.IsDisabled(u))
                .Where(u => wants(chosen.TryGetValue(u.Id, out var mine) ? mine : NotificationPreferences.For(u.Id)))
                .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
                .Select(u => new NotificationRecipient(u.Id, u.Email!, string.IsNullOrWhiteSpace(u.DisplayName) ? null : u.DisplayName)),
        ];
    }
}
