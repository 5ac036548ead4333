using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Connections.AccessTokens;

/// <summary>
/// Hands the host app and the API a usable access token for a connection. A stale token is refreshed
/// once, under a lock per connection that spans instances. In one process, concurrent callers for one
/// connection share one read of its row and, when the token is stale, one refresh, and receive the result
/// in memory; a caller of another instance that waited on the lock re-reads the row and takes the token stored.
/// </summary>
public interface IConnectionAccessTokens
{
    Task<Result<ConnectionAccessToken>> GetAsync(Guid tenantId, Guid connectionId, CancellationToken cancellationToken);

    /// <summary>The provider refused <paramref name="rejectedAccessToken"/>: refresh, unless another caller already replaced it.</summary>
    Task<Result<ConnectionAccessToken>> RefreshAfterRejectionAsync(
        Guid tenantId,
        Guid connectionId,
        string rejectedAccessToken,
        CancellationToken cancellationToken
    );
}
