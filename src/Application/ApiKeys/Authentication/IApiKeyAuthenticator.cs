using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.ApiKeys.Authentication;

public interface IApiKeyAuthenticator
{
    /// <summary>
    /// Checks a presented key: its form and checksum first (no database), then the stored key, cached
    /// for <see cref="ApiKeyOptions.CacheDuration"/>. Records when and from where it was last used, at most
    /// once a minute. A key made by a key is refused once any key it descends from is revoked or expired.
    /// Every refusal is <see cref="ErrorKind.Unauthorized"/> with words for the caller, and counted for the
    /// audit trail (<see cref="ApiKeyRefusals"/>).
    /// </summary>
    Task<Result<AuthenticatedApiKey>> AuthenticateAsync(string presented, string? ipAddress, CancellationToken cancellationToken);

    /// <summary>
    /// Drops a key from this instance's cache, so that its revocation applies here at once, and from the other
    /// instances' (<see cref="IApiKeyCacheInvalidation"/>).
    /// </summary>
    void Forget(Guid keyId);

    /// <summary>Drops every key a person created from the caches: their membership or roles changed.</summary>
    void ForgetCreator(Guid userId);
}
