using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Common.Providers;

/// <summary>
/// One OAuth provider (a CRM or other SaaS Natero reads) as the use cases see it. A new provider is a new
/// implementation of this port and its configuration; the use cases and pages do not change.
/// </summary>
public interface IOAuthProvider
{
    ProviderDescriptor Descriptor { get; }

    /// <summary>
    /// The login host for an environment, from configuration only; a My Domain host is checked against the trusted suffixes.
    /// </summary>
    Result<Uri> ResolveLoginUrl(ConnectionEnvironment environment, string? myDomainHost);

    Uri BuildAuthorizationUrl(Uri loginUrl, string state, string codeChallenge);

    /// <summary>Exchanges the code once. Never retried: a retry could spend a single-use code twice.</summary>
    Task<Result<TokenGrant>> ExchangeCodeAsync(Uri loginUrl, string code, string codeVerifier, CancellationToken cancellationToken);

    Task<Result<ProviderAccount>> DescribeAccountAsync(TokenGrant grant, CancellationToken cancellationToken);

    Task<ApiAccessCheck> CheckApiAccessAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken);

    /// <summary>
    /// A new access token (and, with rotation, a new refresh token). A refusal of the refresh token
    /// itself has the code <see cref="ProviderErrorCodes.RefreshRejected"/>: someone must authorize again.
    /// </summary>
    Task<Result<TokenGrant>> RefreshAsync(
        ConnectionEnvironment environment,
        string? myDomainHost,
        string refreshToken,
        CancellationToken cancellationToken
    );

    /// <summary>Revokes a token at the provider; revoking a refresh token ends its access tokens too.</summary>
    Task<Result> RevokeAsync(ConnectionEnvironment environment, string? myDomainHost, string token, CancellationToken cancellationToken);
}
