using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Infrastructure.Identity;

/// <summary><see cref="IExternalLogins"/> on Identity's external logins (the AspNetUserLogins table).</summary>
internal sealed class IdentityExternalLogins(IServiceProvider services) : IExternalLogins
{
    private UserManager<ApplicationUser> Users => services.GetRequiredService<UserManager<ApplicationUser>>();

    private SignInManager<ApplicationUser> SignIns => services.GetRequiredService<SignInManager<ApplicationUser>>();

    public async Task<UserSummary?> FindAsync(string provider, string subject, CancellationToken cancellationToken) =>
        await Users.FindByLoginAsync(provider, subject) is { } user ? UserDirectory.ToSummary(user) : null;

    public async Task<Result> LinkAsync(
        Guid userId,
        string provider,
        string subject,
        string providerDisplayName,
        CancellationToken cancellationToken
    )
    {
        var user = await Users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Error.NotFound("Account");
        }

        var added = await Users.AddLoginAsync(user, new UserLoginInfo(provider, subject, providerDisplayName));
        return added.Succeeded
            ? Result.Success()
            : Error.Conflict(
                "sso_already_linked",
                "This single sign-on identity is linked to another account already. Nothing was changed."
            );
    }

    public async Task<Result<UserSummary>> CreateAccountAsync(
        string email,
        string? displayName,
        string provider,
        string subject,
        string providerDisplayName,
        CancellationToken cancellationToken
    )
    {
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
        };
        var created = await Users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return Error.Conflict(
                "account_exists",
                "An account with this email exists already: sign in with its password to link single sign-on."
            );
        }

        var linked = await Users.AddLoginAsync(user, new UserLoginInfo(provider, subject, providerDisplayName));
        if (!linked.Succeeded)
        {
            // An account nobody can sign in to must not stay behind.
            await Users.DeleteAsync(user);
            return Error.Conflict(
                "sso_already_linked",
                "This single sign-on identity is linked to another account already. Nothing was changed."
            );
        }

        return UserDirectory.ToSummary(user);
    }

    public async Task SignInAsync(Guid userId, string provider, CancellationToken cancellationToken)
    {
        if (services.GetService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()?.HttpContext is null)
        {
            return;
        }

        var user = await Users.FindByIdAsync(userId.ToString())
            ?? throw new InvalidOperationException("The account to sign in does not exist.");
        await SignIns.SignInAsync(user, isPersistent: false, authenticationMethod: provider);
    }
}
