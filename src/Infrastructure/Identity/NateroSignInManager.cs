using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Natero.Connectors.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in manager, asking for a second step after a password exactly when <see cref="SecondFactors"/>
/// says the account has a factor. Identity's own check also wants a token provider able to make a code for the
/// account, which an account whose only factor is a passkey may lack; its password alone must not sign it in.
/// </summary>
internal sealed class NateroSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation
) : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override Task<bool> IsTwoFactorEnabledAsync(ApplicationUser user) => SecondFactors.HasAnyAsync(UserManager, user);
}
