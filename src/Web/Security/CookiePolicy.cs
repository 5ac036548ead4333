namespace Natero.Connectors.Web.Security;

/// <summary>How this host names and secures its cookies (see docs/decisions/0003).</summary>
public sealed record NateroCookiePolicy(bool Secure)
{
    public string Name(string name) => (Secure ? "__Host-" : string.Empty) + name;

    public CookieSecurePolicy SecurePolicy => Secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
}
