namespace Natero.Connectors.Application.Connections.AccessTokens;

/// <summary>The audit actions of token refreshes, named once for the writer and for the pages that count them.</summary>
public static class RefreshAudit
{
    public const string Refreshed = "connection.token_refreshed";

    /// <summary>The provider could not be reached or answered with an error; the connection stays as it was.</summary>
    public const string Failed = "connection.refresh_failed";

    /// <summary>The provider refused the grant: the connection needs a new one.</summary>
    public const string Refused = "connection.needs_reauthorization";

    /// <summary>Both kinds of failure.</summary>
    public static IReadOnlyList<string> Failures { get; } = [Failed, Refused];
}
