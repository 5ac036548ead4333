using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

internal static class NateroSignInProtection
{
    /// <summary>Sign-in attempts are rate limited; second factors follow their configured options.</summary>
    public static void AddNateroSignInProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<SignInRateLimits>()
            .Bind(configuration.GetSection(SignInRateLimits.Section))
            .ValidateOnStart()
            .Validate(
                l => l.PermitLimit > 0 && l.Window > TimeSpan.Zero,
                "RateLimits:SignIn needs a PermitLimit above 0 and a Window above zero."
            );
        services.AddRateLimiter(options => options.AddPolicy<string, SignInRateLimitPolicy>(SignInRateLimitPolicy.Name));
        services.AddOptions<SecondFactorOptions>().Bind(configuration.GetSection(SecondFactorOptions.Section));
    }
}
