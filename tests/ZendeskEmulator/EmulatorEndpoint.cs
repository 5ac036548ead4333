namespace Natero.Connectors.ZendeskEmulator;

/// <summary>The endpoints a <see cref="Fault"/> can be aimed at.</summary>
public enum EmulatorEndpoint
{
    /// <summary>Every endpoint below.</summary>
    Any,

    /// <summary><c>GET /oauth/authorizations/new</c>.</summary>
    Authorize,

    /// <summary><c>POST /oauth/tokens</c>.</summary>
    Token,

    /// <summary><c>GET /api/v2/users/me</c>.</summary>
    CurrentUser,

    /// <summary><c>GET /api/v2/tickets</c>.</summary>
    Tickets,

    /// <summary><c>/api/v2/oauth/tokens/...</c> (show and revoke).</summary>
    OAuthTokens,
}
