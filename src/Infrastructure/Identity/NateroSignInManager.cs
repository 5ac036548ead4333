using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Natero.Connectors.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in manager, with passkeys counted as a second factor: an account with a passkey is asked for
/// one (or an authenticator code) after its password, exactly as an account with an authenticator app is.
/// Identity's own flag covers the authenticator app only, so that removing one factor leaves the other in force.
/// </summary>
internal sealed class NateroSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> IsTwoFactorEnabledAsync(ApplicationUser user) =>
        await base.IsTwoFactorEnabledAsync(user) || await HasPasskeyAsync(user);

    private async Task<bool> HasPasskeyAsync(ApplicationUser user) =>
        UserManager.SupportsUserPasskey && (await UserManager.GetPasskeysAsync(user)).Count > 0;
}
