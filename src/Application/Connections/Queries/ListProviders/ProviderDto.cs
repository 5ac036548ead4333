using Natero.Connectors.Application.Common.Providers;

namespace Natero.Connectors.Application.Connections.Queries.ListProviders;

/// <summary>A provider as pages and the API show it.</summary>
/// <param name="Needs">What a person gives to authorize: nothing, an environment, or a subdomain (a host of their own).</param>
/// <param name="NotConfiguredHelp">For a provider not configured here, the settings a Natero administrator must set.</param>
/// <param name="SignInHelp">What to know before leaving for the provider's consent screen.</param>
public sealed record ProviderDto(
    string Key,
    string DisplayName,
    bool IsConfigured,
    string? NotConfiguredHelp,
    SignInInput Needs,
    IReadOnlyList<ProviderEnvironment> Environments,
    string AccountNoun,
    string? SignInHelp,
    string? AccessRequirement,
    IReadOnlyList<string> ApiAccessFixIt
)
{
    public static ProviderDto From(ProviderDescriptor d) =>
        new(
            d.Key,
            d.DisplayName,
            d.IsConfigured,
            d.IsConfigured ? null : d.NotConfiguredHelp,
            d.Needs,
            d.Environments,
            d.AccountNoun,
            d.SignInHelp,
            d.AccessRequirement,
            d.ApiAccessFixIt ?? []
        );

    /// <summary>Where a connection signs in, in words: "Sandbox", "My Domain (acme.my.example.com)", "acme.example.com".</summary>
    public string DescribeSite(string environment, string? host)
    {
        var label = Environments.FirstOrDefault(e => string.Equals(e.Key, environment, StringComparison.OrdinalIgnoreCase))?.Label;
        return (Needs, label, host) switch
        {
            (SignInInput.Subdomain, _, { } h) => h,
            (_, { } l, { } h) => $"{l} ({h})",
            (_, { } l, null) => l,
            _ => host is null ? environment : $"{environment} ({host})",
        };
    }
}
