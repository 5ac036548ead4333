namespace Natero.Connectors.Web.Common;

/// <summary>
/// Whose accounts people sign in with: the plugin's own (its Identity store and sign-in pages, the default), or the
/// host's (option B: the host names its authentication scheme, and the plugin maps the signed-in principal to an
/// account of its own, whose tenant memberships and permissions stay the plugin's).
/// </summary>
public sealed record NateroAccounts(string? HostScheme)
{
    /// <summary>The plugin's own sign-in, password, invitation and security pages are mapped.</summary>
    public bool AreOwn => HostScheme is null;
}
