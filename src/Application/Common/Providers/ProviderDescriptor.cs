namespace Natero.Connectors.Application.Common.Providers;

/// <summary>What pages and the API show about a provider, and what a person must give to authorize it.</summary>
/// <param name="AccountNoun">What the provider calls one customer's account: org, portal, account.</param>
/// <param name="SignInHelp">
/// What to know before leaving for the provider's consent screen: how a refusal that never comes back looks and what to
/// do about it. Shown on the page before, and again when an attempt was started and never completed.
/// </param>
/// <param name="AccessTokenLifetime">
/// How long Natero uses an access token whose answer named no expiry before refreshing it;
/// <see cref="Timeout.InfiniteTimeSpan"/> for a provider whose tokens without an expiry never end.
/// </param>
/// <param name="AccessRequirement">Who may authorize, e.g. "The user needs the API Enabled permission."</param>
/// <param name="CallbackUrl">Natero's callback registered at the provider: its origin is Natero's public address.</param>
/// <param name="ApiAccessFixIt">The steps that give an account API access, shown when the provider refuses it.</param>
public sealed record ProviderDescriptor(
    string Key,
    string DisplayName,
    bool IsConfigured,
    string? NotConfiguredHelp,
    IReadOnlyList<ProviderEnvironment> Environments,
    TimeSpan AccessTokenLifetime,
    string AccountNoun,
    string? SignInHelp = null,
    string? AccessRequirement = null,
    IReadOnlyList<string>? ApiAccessFixIt = null,
    Uri? CallbackUrl = null
)
{
    /// <summary>What the person must give: nothing, a choice of environment, or a host of their own (a subdomain).</summary>
    public SignInInput Needs =>
        Environments.Count > 1 ? SignInInput.Environment
        : Environments.Count == 1 && Environments[0].NeedsHost ? SignInInput.Subdomain
        : SignInInput.Nothing;

    /// <summary>The environment <paramref name="key"/> names, or the first (the only one, for most) when it names none.</summary>
    public ProviderEnvironment? FindEnvironment(string? key) =>
        string.IsNullOrWhiteSpace(key)
            ? (Environments.Count > 0 ? Environments[0] : null)
            : Environments.FirstOrDefault(e => string.Equals(e.Key, key.Trim(), StringComparison.OrdinalIgnoreCase));
}
