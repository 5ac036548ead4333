namespace Natero.Connectors.Domain.Connections;

/// <summary>What may be asked of a connection; <see cref="ProviderConnection"/> says from which statuses each is allowed.</summary>
public enum ConnectionAction
{
    /// <summary>Natero staff finished the set-up.</summary>
    CompleteConfiguration,

    /// <summary>Hand out, refresh or verify its tokens, and record what the provider said about them.</summary>
    Use,
    Suspend,
    Resume,
    Disconnect,

    /// <summary>The same org authorized again.</summary>
    Reauthorize,
}
