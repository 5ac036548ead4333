using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Natero.Connectors.Web.Security.HostUsers;

internal static class HostUserAuthentication
{
    /// <summary>Option B: people are signed in by the host's <paramref name="hostScheme"/>.</summary>
    public static AuthenticationBuilder AddNateroHostUsers(
        this AuthenticationBuilder authentication,
        IConfiguration configuration,
        string hostScheme
    )
    {
        var services = authentication.Services;
        services
            .AddOptions<HostUserOptions>()
            .Bind(configuration.GetSection(HostUserOptions.Section))
            .PostConfigure(options => options.HostScheme = hostScheme);
        services.TryAddSingleton<INateroUserResolver, ClaimsUserResolver>();
        return authentication.AddScheme<AuthenticationSchemeOptions, HostUserAuthenticationHandler>(
            NateroSchemes.HostUser,
            "The host's sign-in",
            _ => { }
        );
    }
}
