using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Infrastructure.Identity;

/// <summary>
/// Accounts through Identity's UserManager, created on first use: its graph (store, hasher, validators,
/// token providers, metrics) is large, and most requests that can reach the directory never call it,
/// such as an API request whose key lookup is cached.
/// </summary>
internal sealed class UserDirectory(IServiceProvider services) : IUserDirectory
{
    private UserManager<ApplicationUser>? _userManager;

    private UserManager<ApplicationUser> Users => _userManager ??= services.GetRequiredService<UserManager<ApplicationUser>>();

    public async Task<UserSummary?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var user = await Users.FindByEmailAsync(email.Trim());
        return user is null ? null : ToSummary(user);
    }

    public async Task<IReadOnlyDictionary<Guid, UserSummary>> GetByIdsAsync(
        IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken
    )
    {
        var users = await Users.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, ToSummary);
    }

    public async Task<IReadOnlySet<string>> GetActiveRolesAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await Users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return new HashSet<string>();
        }

        return (await Users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A disabled account is one locked until the end of time: Identity then refuses it every sign-in.</summary>
    internal static readonly DateTimeOffset DisabledUntil = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static bool IsDisabled(ApplicationUser user) => user.LockoutEnd >= DisabledUntil;

    internal static UserSummary ToSummary(ApplicationUser user) =>
        new(
            user.Id,
            user.Email ?? user.UserName ?? string.Empty,
            user.DisplayName ?? user.Email ?? string.Empty,
            IsDisabled(user),
            // Identity's two-factor switch is kept on exactly while the account has a factor (SecondFactors.SyncAsync).
            user.TwoFactorEnabled
        );
}
