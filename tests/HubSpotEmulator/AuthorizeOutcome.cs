namespace Natero.Connectors.HubSpotEmulator;

/// <summary>Where an install flow driven by <see cref="EmulatorBrowser"/> ended.</summary>
/// <param name="Callback">
/// The client's redirect URL with <c>code</c> (or <c>error</c>) and <c>state</c>; null when HubSpot kept the browser.
/// </param>
/// <param name="PageStatus">The status of the last HubSpot page when there is no callback.</param>
/// <param name="PageMessage">The text of HubSpot's last page (its error, or that the app was not connected).</param>
public sealed record AuthorizeOutcome(Uri? Callback, int PageStatus, string? PageMessage);
