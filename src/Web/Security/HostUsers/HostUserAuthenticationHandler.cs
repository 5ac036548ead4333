using System.Security.Claims;
using System.Text.Encodings.Web;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Accounts.Commands.ProvisionHostUser;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Identity;

namespace Natero.Connectors.Web.Security.HostUsers;

/// <summary>
/// Option B: the person the host signed in, as a plugin account. It asks the host's scheme who is signed in, asks
/// <see cref="INateroUserResolver"/> who that is, and finds the plugin account linked to the host's subject (making or
/// linking one the first time, <see cref="ProvisionHostUserCommand"/>). The principal it gives is the account's, as
/// the plugin's own sign-in would give it, plus the platform roles the host's roles map to. A challenge is the host's
/// (its sign-in page); a refusal is 403, or 404 for a tenant that is not the person's.
/// </summary>
internal sealed class HostUserAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<HostUserOptions> hostUsers,
    INateroUserResolver resolver
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The host says the person used more than a password (RFC 8176 <c>amr</c>).</summary>
    private const string MultiFactor = "mfa";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = hostUsers.Value;
        var host = await Context.AuthenticateAsync(settings.HostScheme);
        if (!host.Succeeded)
        {
            return AuthenticateResult.NoResult();
        }

        var person = await resolver.ResolveAsync(host.Principal, Context.RequestAborted);
        if (person is null)
        {
            return AuthenticateResult.Fail("The host's sign-in does not say who the person is (a subject and an email).");
        }

        var services = Context.RequestServices;
        var account = await services
            .GetRequiredService<IExternalLogins>()
            .FindAsync(ProvisionHostUserCommand.Provider, person.Subject, Context.RequestAborted)
            ?? await ProvisionAsync(services, person);
        if (account is null || account.Disabled)
        {
            return AuthenticateResult.Fail("There is no usable Natero account for this person.");
        }

        var userManager = services.GetRequiredService<UserManager<ApplicationUser>>();
        if (await userManager.FindByIdAsync(account.Id.ToString()) is not { } user)
        {
            return AuthenticateResult.Fail("There is no usable Natero account for this person.");
        }

        var own = (ClaimsIdentity)
            (await services.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user)).Identity!;
        var identity = new ClaimsIdentity(own.Claims, Scheme.Name, own.NameClaimType, own.RoleClaimType);
        AddPlatformRoles(identity, host.Principal, settings);
        if (
            !identity.HasClaim(c => c.Type == AccountClaims.SecondFactor)
            && host.Principal.FindAll("amr").Any(c => string.Equals(c.Value, MultiFactor, StringComparison.Ordinal))
        )
        {
            identity.AddClaim(new Claim(AccountClaims.SecondFactor, "host"));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.ChallengeAsync(hostUsers.Value.HostScheme, properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = Context.Items.ContainsKey(TenantRoute.UnknownItem)
            ? StatusCodes.Status404NotFound
            : StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private async Task<UserSummary?> ProvisionAsync(IServiceProvider services, NateroHostUser person)
    {
        var provisioned = await services
            .GetRequiredService<ISender>()
            .Send(new ProvisionHostUserCommand(person.Subject, person.Email, person.DisplayName), Context.RequestAborted);
        return provisioned.IsSuccess ? provisioned.Value : null;
    }

    private static void AddPlatformRoles(ClaimsIdentity identity, ClaimsPrincipal host, HostUserOptions settings)
    {
        foreach (
            var (role, hostRoles) in new[]
            {
                (PlatformRoles.PlatformAdmin, settings.PlatformAdminRoles),
                (PlatformRoles.PlatformAuditor, settings.PlatformAuditorRoles),
            }
        )
        {
            if (!identity.HasClaim(identity.RoleClaimType, role) && hostRoles.Any(host.IsInRole))
            {
                identity.AddClaim(new Claim(identity.RoleClaimType, role));
            }
        }
    }
}
