namespace Natero.Connectors.Web.Common;

/// <summary>
/// The layout the plugin's pages render in: its own document (null, the default), or the host's layout by name
/// (<c>o.Layout = "_HostLayout"</c>, found among the host's shared views), inside which the pages keep their own
/// scoped styles.
/// </summary>
public sealed record NateroLayout(string? HostLayout);
