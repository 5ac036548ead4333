namespace Natero.Connectors.Web.Composition;

/// <summary>What a host decides when it adds the plugin: <c>builder.AddNateroConnectors(o =&gt; ...)</c>.</summary>
public sealed class NateroConnectorsOptions
{
    /// <summary>
    /// Where the plugin lives, e.g. <c>/admin/connectors</c>; empty (the default) at the root of the site, as in the
    /// standalone app. <c>app.MapNateroConnectors(prefix)</c> sets the same thing at mapping time.
    /// </summary>
    public string? PathPrefix { get; set; }

    /// <summary>
    /// The host's authentication scheme, when people sign in to the host rather than to the plugin (option B). The
    /// plugin then maps the host's principal to an account of its own through <c>INateroUserResolver</c> (by default
    /// from the <c>sub</c> or name-identifier, <c>email</c> and <c>name</c> claims), does not map its own sign-in,
    /// password, invitation and security pages, and answers a request without a host sign-in with the host's
    /// challenge. Null (the default): the plugin's own accounts and sign-in pages (option A).
    /// </summary>
    public string? HostAuthenticationScheme { get; set; }

    /// <summary>
    /// The host's layout for the plugin's pages, e.g. <c>"_HostLayout"</c> (a view the host's Razor Pages or MVC views
    /// can find). The pages render inside it in an element whose class their stylesheet is scoped to, with the
    /// plugin's navigation beside them; the host's header, footer and styles stay the host's. Null (the default):
    /// the plugin's own document with its own header.
    /// </summary>
    public string? Layout { get; set; }
}
