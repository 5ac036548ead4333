namespace Natero.Connectors.Application.Accounts;

/// <param name="Refused">A tenant of the account requires single sign-on for its email.</param>
/// <param name="BreakGlassTenants">Tenants that require single sign-on but let this admin use a password; each audits it.</param>
/// <param name="ProviderDisplayName">The configured provider for the email's domain, to name its button.</param>
public sealed record SsoPasswordDecision(bool Refused, IReadOnlyList<Guid> BreakGlassTenants, string? ProviderDisplayName)
{
    public static SsoPasswordDecision Allowed { get; } = new(false, [], null);
}
