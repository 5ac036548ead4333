namespace Natero.Connectors.SalesforceEmulator;

/// <summary>The endpoints a <see cref="Fault"/> can be aimed at.</summary>
public enum EmulatorEndpoint
{
    /// <summary>Every endpoint below.</summary>
    Any,

    /// <summary><c>GET /services/oauth2/authorize</c>.</summary>
    Authorize,

    /// <summary>The login form post.</summary>
    Login,

    /// <summary>The Allow / Deny page and its post.</summary>
    Consent,

    /// <summary><c>POST /services/oauth2/token</c>.</summary>
    Token,

    /// <summary><c>/services/oauth2/revoke</c>.</summary>
    Revoke,

    /// <summary><c>POST /services/oauth2/introspect</c>.</summary>
    Introspect,

    /// <summary><c>/services/oauth2/userinfo</c>.</summary>
    UserInfo,

    /// <summary>The identity URL <c>/id/{orgId}/{userId}</c>.</summary>
    Identity,

    /// <summary><c>/services/data/...</c>.</summary>
    Rest,

    /// <summary><c>/.well-known/openid-configuration</c> and <c>/id/keys</c>.</summary>
    Discovery,
}
