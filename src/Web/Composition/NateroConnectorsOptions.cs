namespace Natero.Connectors.Web.Composition;

/// <summary>What a host decides when it adds the plugin: <c>builder.AddNateroConnectors(o =&gt; ...)</c>.</summary>
public sealed class NateroConnectorsOptions
{
    /// <summary>
    /// Where the plugin lives, e.g. <c>/admin/connectors</c>; empty (the default) at the root of the site, as in the
    /// standalone app. <c>app.MapNateroConnectors(prefix)</c> sets the same thing at mapping time.
    /// </summary>
    public string? PathPrefix { get; set; }
}
