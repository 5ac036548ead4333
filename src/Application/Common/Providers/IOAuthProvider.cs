using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Common.Providers;

/// <summary>
/// One OAuth provider (a CRM or other SaaS Natero reads) as the use cases see it. What differs between
/// providers lives behind this port: where a person signs in, how the account is identified, how API access
/// is probed, which refresh and revoke calls exist, and the words that explain a refusal. A new provider is a
/// new implementation of this port, its options and its emulator; the use cases, pages and API do not change.
/// </summary>
public interface IOAuthProvider
{
    ProviderDescriptor Descriptor { get; }

    /// <summary>
    /// Turns what the person chose and typed (an environment, a host such as a My Domain or a subdomain) into
    /// where they sign in, refusing a host that is not the provider's before any request leaves.
    /// </summary>
    Result<SignInSite> ResolveSite(string? environment, string? host);

    /// <summary>The base URL the person signs in at, for a site this provider resolved (now or when it was stored).</summary>
    Result<Uri> LoginUrl(SignInSite site);

    Uri BuildAuthorizationUrl(Uri loginUrl, string state, string codeChallenge);

    /// <summary>
    /// The provider's words and fix-it steps for an <c>error</c> its consent screen sent back instead of a code,
    /// or null when it has none (OAuth's standard <c>access_denied</c> is then read as the person choosing Deny).
    /// </summary>
    string? ExplainCallbackError(string error, string? description);

    /// <summary>Exchanges the code once. Never retried: a retry could spend a single-use code twice.</summary>
    Task<Result<TokenGrant>> ExchangeCodeAsync(Uri loginUrl, string code, string codeVerifier, CancellationToken cancellationToken);

    Task<Result<ProviderAccount>> DescribeAccountAsync(TokenGrant grant, CancellationToken cancellationToken);

    Task<ApiAccessCheck> CheckApiAccessAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken);

    /// <summary>The account's name, edition and API allowance, each null where the provider cannot say.</summary>
    Task<AccountReadiness> DescribeReadinessAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken);

    /// <summary>
    /// A new access token (and, with rotation, a new refresh token). A refusal of the refresh token
    /// itself has the code <see cref="ProviderErrorCodes.RefreshRejected"/>: someone must authorize again.
    /// </summary>
    Task<Result<TokenGrant>> RefreshAsync(SignInSite site, string refreshToken, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the grant at the provider, with whichever of the tokens its revocation call takes (revoking a
    /// refresh token ends its access tokens too where the provider works that way).
    /// </summary>
    Task<Result> RevokeAsync(SignInSite site, GrantTokens tokens, CancellationToken cancellationToken);
}
