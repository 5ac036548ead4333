namespace Natero.Connectors.Domain.Connections;

public enum ConnectionStatus
{
    /// <summary>Authorized by the tenant, waiting for Natero staff to complete the configuration.</summary>
    PendingConfiguration,
    Active,

    /// <summary>The provider says the org or the user has no API access.</summary>
    ApiAccessDisabled,

    /// <summary>The provider refused the refresh token: someone must authorize again.</summary>
    NeedsReauthorization,
    Suspended,

    /// <summary>Tokens revoked and erased; the record stays for the audit trail.</summary>
    Disconnected,
}
