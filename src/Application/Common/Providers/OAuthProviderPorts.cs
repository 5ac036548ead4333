using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Common.Providers;

/// <summary>
/// One OAuth provider (Salesforce, later others) as the use cases see it. A new provider is a new
/// implementation of this port and its configuration; the use cases and pages do not change.
/// </summary>
public interface IOAuthProvider
{
    ProviderDescriptor Descriptor { get; }

    /// <summary>The login host for an environment, from configuration only; a My Domain host is checked against the trusted suffixes.</summary>
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
    Task<Result<TokenGrant>> RefreshAsync(ConnectionEnvironment environment, string? myDomainHost, string refreshToken, CancellationToken cancellationToken);

    /// <summary>Revokes a token at the provider; revoking a refresh token ends its access tokens too.</summary>
    Task<Result> RevokeAsync(ConnectionEnvironment environment, string? myDomainHost, string token, CancellationToken cancellationToken);
}

public static class ProviderErrorCodes
{
    /// <summary>The provider refused the refresh token for good (revoked, expired, inactive user or org).</summary>
    public const string RefreshRejected = "refresh_rejected";
}

/// <summary>What pages and the API show about a provider.</summary>
public sealed record ProviderDescriptor(
    string Key,
    string DisplayName,
    bool IsConfigured,
    string? NotConfiguredHelp,
    IReadOnlyList<ConnectionEnvironment> Environments,
    TimeSpan AccessTokenLifetime);

/// <summary>Tokens and where to use them, as the provider returned them; held in memory only. A refresh may carry no refresh token.</summary>
public sealed record TokenGrant(string AccessToken, string? RefreshToken, Uri InstanceUrl, Uri IdentityUrl, string Scopes, DateTimeOffset IssuedAt)
{
    /// <summary>Never print tokens, not even by accident in a debugger or a log of the whole record.</summary>
    public override string ToString() => $"TokenGrant {{ InstanceUrl = {InstanceUrl}, Scopes = {Scopes} }}";
}

public enum ApiAccessOutcome
{
    Enabled,

    /// <summary>The org's edition or the user's profile has no API access: fixable by a Salesforce admin.</summary>
    Disabled,

    /// <summary>The check itself failed (provider down, unexpected answer): try again later.</summary>
    Unknown,

    /// <summary>The provider refused the access token itself (expired session): refresh once and check again.</summary>
    TokenRejected,
}

public sealed record ApiAccessCheck(ApiAccessOutcome Outcome, ConnectionError? Error)
{
    public static ApiAccessCheck Enabled { get; } = new(ApiAccessOutcome.Enabled, null);
}

public interface IOAuthProviderRegistry
{
    IReadOnlyList<IOAuthProvider> All { get; }

    IOAuthProvider? Find(string key);
}

/// <summary>
/// Serialises work on one connection across threads, processes and instances: the token refresh
/// must happen once however many callers find the token stale at the same moment.
/// </summary>
public interface IConnectionLock
{
    Task<IAsyncDisposable> AcquireAsync(Guid connectionId, CancellationToken cancellationToken);
}

/// <summary>Which part of a connection a ciphertext belongs to; it is bound into the encryption.</summary>
public sealed record SecretBinding(Guid TenantId, Guid OwnerId, string Field)
{
    public static SecretBinding AccessToken(Guid tenantId, Guid connectionId) => new(tenantId, connectionId, "access_token");

    public static SecretBinding RefreshToken(Guid tenantId, Guid connectionId) => new(tenantId, connectionId, "refresh_token");

    public static SecretBinding CodeVerifier(Guid tenantId, Guid authorizationId) => new(tenantId, authorizationId, "code_verifier");
}

/// <summary>
/// Authenticated encryption of secrets at rest. A ciphertext names its key and is bound to its tenant,
/// owner and field, so one copied to another row does not decrypt.
/// </summary>
public interface ISecretProtector
{
    string Protect(string plaintext, SecretBinding binding);

    /// <summary>Null when the ciphertext was altered, moved, or made with an unknown key.</summary>
    string? Unprotect(string ciphertext, SecretBinding binding);

    /// <summary>Whether the ciphertext was made with the key that encrypts now (key rotation re-encrypts the others).</summary>
    bool IsProtectedWithActiveKey(string ciphertext);
}
