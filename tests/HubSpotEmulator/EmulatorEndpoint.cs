namespace Natero.Connectors.HubSpotEmulator;

/// <summary>The endpoints a <see cref="Fault"/> can be aimed at.</summary>
public enum EmulatorEndpoint
{
    /// <summary>Every endpoint below.</summary>
    Any,

    /// <summary><c>GET /oauth/authorize</c> and the login, account chooser and consent pages behind it.</summary>
    Authorize,

    /// <summary><c>POST /oauth/v3/token</c>.</summary>
    Token,

    /// <summary><c>POST /oauth/v3/token/introspect</c>.</summary>
    Introspect,

    /// <summary><c>POST /oauth/v3/token/revoke</c>.</summary>
    Revoke,

    /// <summary><c>/crm/v3/objects/...</c>.</summary>
    Crm,

    /// <summary><c>/account-info/v3/details</c>.</summary>
    AccountInfo,
}
