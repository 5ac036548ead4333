using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Connections.AccessTokens;

/// <summary>
/// Hands the host app and the API a usable access token for a connection. A stale token is refreshed
/// once, under a lock per connection that spans instances; every caller that waited re-reads the row
/// and takes the token the first one stored.
/// </summary>
public interface IConnectionAccessTokens
{
    Task<Result<ConnectionAccessToken>> GetAsync(Guid tenantId, Guid connectionId, CancellationToken cancellationToken);

    /// <summary>The provider refused <paramref name="rejectedAccessToken"/>: refresh, unless another caller already replaced it.</summary>
    Task<Result<ConnectionAccessToken>> RefreshAfterRejectionAsync(Guid tenantId, Guid connectionId, string rejectedAccessToken, CancellationToken cancellationToken);
}
