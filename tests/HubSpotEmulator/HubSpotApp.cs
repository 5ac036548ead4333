namespace Natero.Connectors.HubSpotEmulator;

/// <summary>
/// A HubSpot app (public or project-based) with OAuth: its credentials, redirect URLs and the scopes it may ask for.
/// The properties are read on every request, so a test may change them at any time.
/// </summary>
public sealed class HubSpotApp
{
    internal HubSpotApp(long appId, string name, string clientId, string clientSecret, IReadOnlyList<string> callbackUrls)
    {
        AppId = appId;
        Name = name;
        ClientId = clientId;
        ClientSecret = clientSecret;
        CallbackUrls = callbackUrls;
    }

    /// <summary>The app's numeric id (<c>app_id</c> in token metadata).</summary>
    public long AppId { get; }

    public string Name { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>Registered redirect URLs; <c>redirect_uri</c> must equal one of them exactly.</summary>
    public IReadOnlyList<string> CallbackUrls { get; set; }

    /// <summary>
    /// The scopes configured on the app; an install URL asking for another one is refused with an error page.
    /// </summary>
    public IReadOnlyList<string> Scopes { get; set; } =
    ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.companies.read", "crm.objects.deals.read"];

    public override string ToString() => $"{Name} ({ClientId})";
}
