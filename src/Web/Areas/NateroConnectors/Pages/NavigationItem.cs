namespace Natero.Connectors.Web.Pages;

/// <summary>One link of the settings menu; shown to members who hold its permission.</summary>
public sealed record NavigationItem(string Section, string Label, string PathInTenant, string Permission);
