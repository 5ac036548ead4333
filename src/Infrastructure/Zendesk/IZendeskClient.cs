using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Infrastructure.Zendesk;

/// <summary>
/// Zendesk's HTTP endpoints on one account's base URL, one call each, with Zendesk's answers turned into results.
/// The provider adapter on top decides what they mean for a connection.
/// </summary>
internal interface IZendeskClient
{
    /// <summary>POST {account}/oauth/tokens with grant_type=authorization_code; sent once, never retried.</summary>
    Task<Result<ZendeskToken>> ExchangeCodeAsync(Uri baseUrl, string code, string codeVerifier, CancellationToken cancellationToken);

    /// <summary>POST {account}/oauth/tokens with grant_type=refresh_token; never retried (rotation would lose the new token).</summary>
    Task<Result<ZendeskToken>> RefreshAsync(Uri baseUrl, string refreshToken, CancellationToken cancellationToken);

    /// <summary>GET {account}/api/v2/users/me with the access token; the user when it answered 200.</summary>
    Task<(ZendeskAnswer Answer, ZendeskUser? User)> GetCurrentUserAsync(
        Uri baseUrl,
        string accessToken,
        CancellationToken cancellationToken
    );

    /// <summary>GET {account}/api/v2/tickets.json?per_page=1: an agent endpoint, so it proves API access.</summary>
    Task<ZendeskAnswer> ProbeTicketsAsync(Uri baseUrl, string accessToken, CancellationToken cancellationToken);

    /// <summary>DELETE {account}/api/v2/oauth/tokens/current.json: revokes the token that makes the request.</summary>
    Task<ZendeskAnswer> RevokeCurrentTokenAsync(Uri baseUrl, string accessToken, CancellationToken cancellationToken);
}
