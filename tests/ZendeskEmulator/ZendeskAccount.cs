namespace Natero.Connectors.ZendeskEmulator;

/// <summary>
/// One Zendesk account (<c>{subdomain}.zendesk.com</c>). In the emulator it is its own loopback origin,
/// <see cref="BaseUrl"/>, which is what a test types where a person would type the subdomain.
/// </summary>
public sealed class ZendeskAccount
{
    internal ZendeskAccount(long id, string subdomain, string name, Uri baseUrl)
    {
        Id = id;
        Subdomain = subdomain;
        Name = name;
        BaseUrl = baseUrl;
    }

    public long Id { get; }

    /// <summary>The subdomain, e.g. <c>acme</c> for <c>acme.zendesk.com</c>.</summary>
    public string Subdomain { get; }

    public string Name { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>: the emulated <c>https://{subdomain}.zendesk.com/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The origin without a trailing slash, as Zendesk writes URLs in API answers.</summary>
    public string Origin => BaseUrl.GetLeftPart(UriPartial.Authority);

    public override string ToString() => $"{Name} ({Subdomain}, {Origin})";
}
