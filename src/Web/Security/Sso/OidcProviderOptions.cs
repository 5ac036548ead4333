namespace Natero.Connectors.Web.Security.Sso;

/// <summary><c>Authentication:Oidc:Providers:{name}</c>.</summary>
public sealed class OidcProviderOptions
{
    public const string DefaultScopes = "openid email profile";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Shown on the button, "Sign in with {DisplayName}"; the provider's name when empty.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The domains whose accounts a first sign-in may link to; empty links none (invitations only).</summary>
    public List<string> EmailDomains { get; set; } = [];

    public string Scopes { get; set; } = DefaultScopes;

    public IReadOnlyList<string> ScopeList() => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Never the secret: options objects end up in debuggers' and exceptions' text.</summary>
    public override string ToString() => $"{nameof(OidcProviderOptions)} {{ Authority = {Authority}, ClientId = {ClientId} }}";
}
