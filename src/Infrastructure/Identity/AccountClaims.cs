using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Natero.Connectors.Infrastructure.Identity;

/// <summary>The claims of ours that a session cookie carries besides Identity's own.</summary>
public static class AccountClaims
{
    /// <summary>Names the <see cref="Domain.Accounts.SignInSession"/> of the cookie.</summary>
    public const string SessionId = "natero:sid";

    /// <summary>Present when the person has a second factor (an authenticator app or a passkey).</summary>
    public const string SecondFactor = "natero:2fa";
}

/// <summary>Identity's principal, plus whether the account has a second factor; rebuilt whenever the cookie is renewed.</summary>
internal sealed class AccountClaimsPrincipalFactory(
    UserManager<ApplicationUser> users,
    RoleManager<ApplicationRole> roles,
    IOptions<IdentityOptions> options
) : UserClaimsPrincipalFactory<ApplicationUser, ApplicationRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (await SecondFactors.HasAnyAsync(UserManager, user))
        {
            identity.AddClaim(new Claim(AccountClaims.SecondFactor, "true"));
        }

        return identity;
    }
}
