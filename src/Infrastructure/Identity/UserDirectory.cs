using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Infrastructure.Identity;

internal sealed class UserDirectory(UserManager<ApplicationUser> userManager) : IUserDirectory
{
    public async Task<UserSummary?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var user = await userManager.FindByEmailAsync(email.Trim());
        return user is null ? null : ToSummary(user);
    }

    public async Task<IReadOnlyDictionary<Guid, UserSummary>> GetByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var users = await userManager.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, ToSummary);
    }

    public async Task<IReadOnlySet<string>> GetActiveRolesAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await userManager.FindByIdAsync(userId.ToString());
        if (user is null || await userManager.IsLockedOutAsync(user))
        {
            return new HashSet<string>();
        }

        return (await userManager.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<Result<CreatedUser>> CreateAsync(string email, string? displayName, CancellationToken cancellationToken)
    {
        var trimmed = email.Trim();
        var user = new ApplicationUser
        {
            UserName = trimmed,
            Email = trimmed,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
        };
        var password = PasswordGenerator.Generate();
        var result = await userManager.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return Error.Invalid("user_not_created", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return new CreatedUser(ToSummary(user), password);
    }

    internal static UserSummary ToSummary(ApplicationUser user) =>
        new(user.Id, user.Email ?? user.UserName ?? string.Empty, user.DisplayName ?? user.Email ?? string.Empty);
}
