namespace Natero.Connectors.Infrastructure.HubSpot;

/// <summary>The HubSpot app and where HubSpot lives (<c>HubSpot:*</c>). See docs/providers/hubspot.md.</summary>
public sealed class HubSpotOptions
{
    public const string Section = "HubSpot";

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? CallbackUrl { get; set; }

    /// <summary>
    /// Required scopes, space separated. Only <c>oauth</c>: a required scope the installing user cannot grant makes HubSpot
    /// refuse the install on its own page, and that refusal never comes back to Natero.
    /// </summary>
    public string Scopes { get; set; } = "oauth";

    /// <summary>
    /// Optional scopes, space separated: HubSpot drops one the account or user cannot grant and installs anyway, and the
    /// access probe then names what is missing and how to fix it.
    /// </summary>
    public string OptionalScopes { get; set; } = "crm.objects.contacts.read";

    /// <summary>The install page (app.hubspot.com).</summary>
    public string AuthorizeUrl { get; set; } = "https://app.hubspot.com/oauth/authorize";

    /// <summary>The v3 token endpoint; the form body carries every secret.</summary>
    public string TokenUrl { get; set; } = "https://api.hubapi.com/oauth/v3/token";

    /// <summary>Where the API, token introspection and revocation live; stored as each connection's instance URL.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.hubapi.com";

    /// <summary>Lets loopback http URLs serve as HubSpot (the emulator, tests, the offline demo).</summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>How long Natero uses an access token whose answer named no expiry: HubSpot's tokens last 30 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest wait for one HubSpot call before giving up with a clear message.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(CallbackUrl);
}
