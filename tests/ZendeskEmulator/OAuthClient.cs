namespace Natero.Connectors.ZendeskEmulator;

/// <summary>
/// An OAuth client (Admin Center &gt; Apps and integrations &gt; APIs &gt; OAuth clients). It belongs to one
/// account and works only on that account's subdomain, unless it is a global client. The switches are read on
/// every request, so a test may flip them at any time.
/// </summary>
public sealed class OAuthClient
{
    internal OAuthClient(long id, string identifier, string secret, string name, ZendeskAccount? owner, IReadOnlyList<string> redirectUrls)
    {
        Id = id;
        Identifier = identifier;
        Secret = secret;
        Name = name;
        Owner = owner;
        RedirectUrls = redirectUrls;
    }

    /// <summary>The numeric id Zendesk gives the client (the <c>client_id</c> of a token object).</summary>
    public long Id { get; }

    /// <summary>The "Unique identifier": what OAuth requests send as <c>client_id</c>.</summary>
    public string Identifier { get; }

    public string Secret { get; }

    public string Name { get; }

    /// <summary>The account the client was created in; null for a global client, which works on every account.</summary>
    public ZendeskAccount? Owner { get; }

    public bool IsGlobal => Owner is null;

    /// <summary>Registered redirect URLs; <c>redirect_uri</c> must equal one of them.</summary>
    public IReadOnlyList<string> RedirectUrls { get; set; }

    /// <summary>
    /// On (clients created since Zendesk added expiring tokens): every token has <c>expires_in</c> and a refresh
    /// token. Off (older clients): tokens never expire and come without a refresh token, unless the token
    /// request itself asks for <c>expires_in</c>.
    /// </summary>
    public bool TokensExpire { get; set; }

    /// <summary>The default access token lifetime of an expiring client: 30 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The default refresh token lifetime of an expiring client: 30 days (an assumption, see docs/providers/zendesk.md).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Whether the client may be used on this account's subdomain.</summary>
    public bool UsableOn(ZendeskAccount account) => Owner is null || ReferenceEquals(Owner, account);

    /// <summary>Adds a redirect URL (a Natero instance's callback) if it is not registered yet.</summary>
    public void AddRedirectUrl(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!RedirectUrls.Contains(url, StringComparer.Ordinal))
        {
            RedirectUrls = [.. RedirectUrls, url];
        }
    }

    public override string ToString() => $"{Name} ({Identifier}{(IsGlobal ? ", global" : $", {Owner!.Subdomain}")})";
}
