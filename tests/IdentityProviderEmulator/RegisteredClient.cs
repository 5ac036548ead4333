namespace Natero.Connectors.IdentityProviderEmulator;

/// <summary>The relying party the emulator knows: one client id and secret, and the redirect URIs it may use.</summary>
public sealed class RegisteredClient(string clientId, string clientSecret, IEnumerable<string> redirectUris)
{
    private readonly Lock _gate = new();
    private readonly List<string> _redirectUris = [.. redirectUris];

    public string ClientId { get; } = clientId;

    public string ClientSecret { get; } = clientSecret;

    public IReadOnlyList<string> RedirectUris
    {
        get
        {
            lock (_gate)
            {
                return [.. _redirectUris];
            }
        }
    }

    /// <summary>Registers another redirect URI, as an administrator adds one at a real provider.</summary>
    public void AddRedirectUri(string redirectUri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(redirectUri);
        lock (_gate)
        {
            if (!_redirectUris.Contains(redirectUri, StringComparer.Ordinal))
            {
                _redirectUris.Add(redirectUri);
            }
        }
    }

    /// <summary>Exact comparison, as OpenID Connect requires: no prefix, no case folding.</summary>
    public bool Allows(string? redirectUri) => redirectUri is not null && RedirectUris.Contains(redirectUri, StringComparer.Ordinal);
}
