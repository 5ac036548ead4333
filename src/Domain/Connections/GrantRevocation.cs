using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Connections;

/// <summary>
/// A grant Natero no longer keeps, waiting to be revoked at its provider: the one a reauthorization replaced, or a new
/// one Natero refused. It is saved in the transaction that lets the grant go, so no such grant is forgotten by a crash,
/// and revoked after the commit, off the person's way; a provider that does not answer is asked again later, with
/// growing waits, until it confirms or <see cref="MaxAttempts"/> attempts have failed. Its tokens are encrypted.
/// </summary>
public sealed class GrantRevocation : Entity, ITenantOwned
{
    /// <summary>Attempts before Natero gives up and leaves the grant to be revoked at the provider by hand.</summary>
    public const int MaxAttempts = 10;

    /// <summary>The wait after the first failed attempt; each later one doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(4);

    private GrantRevocation()
    {
        Provider = null!;
        Environment = null!;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }

    /// <summary>The connection the grant belonged to, or was refused for; none when no connection was ever made.</summary>
    public Guid? ConnectionId { get; private set; }

    public string Provider { get; private set; }
    public string Environment { get; private set; }
    public string? SignInHost { get; private set; }

    public SignInSite Site => new(Environment, SignInHost);
    public string? AccessTokenCiphertext { get; private set; }
    public string? RefreshTokenCiphertext { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the next attempt is due; also the lease of an attempt under way, so that one instance makes it.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>Why the last attempt failed, as the provider's adapter put it (never a token).</summary>
    public string? LastError { get; private set; }

    public const int ErrorMaxLength = 2000;

    /// <summary>
    /// A grant to revoke, due at once. <paramref name="protect"/> encrypts each token for this revocation
    /// (its id and the field), so a ciphertext read elsewhere decrypts for nothing.
    /// </summary>
    public static GrantRevocation Queue(
        Guid id,
        Guid tenantId,
        Guid? connectionId,
        string provider,
        SignInSite site,
        string? accessToken,
        string? refreshToken,
        Func<string, string, string> protect,
        DateTimeOffset now
    )
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(protect);
        if (accessToken is null && refreshToken is null)
        {
            throw new DomainException("A revocation needs a token to revoke.");
        }

        return new GrantRevocation
        {
            Id = id,
            TenantId = tenantId,
            ConnectionId = connectionId,
            Provider = Guard.NotBlank(provider, "Provider", 32),
            Environment = site.Environment,
            SignInHost = site.Host,
            AccessTokenCiphertext = accessToken is null ? null : protect(accessToken, AccessTokenField),
            RefreshTokenCiphertext = refreshToken is null ? null : protect(refreshToken, RefreshTokenField),
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>The field names the tokens are bound to when encrypted.</summary>
    public const string AccessTokenField = "revoked_access_token";

    public const string RefreshTokenField = "revoked_refresh_token";

    /// <summary>
    /// A failed attempt: the next is due after a wait that doubles with each failure, or there is none (the result is
    /// false) once <see cref="MaxAttempts"/> have failed.
    /// </summary>
    public bool Failed(string error, DateTimeOffset now)
    {
        Attempts++;
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        LastError = error.Length <= ErrorMaxLength ? error : error[..ErrorMaxLength];
        if (Attempts >= MaxAttempts)
        {
            return false;
        }

        var wait = FirstRetryDelay * Math.Pow(2, Attempts - 1);
        NextAttemptAt = now + (wait < MaxRetryDelay ? wait : MaxRetryDelay);
        return true;
    }

    /// <summary>Re-encrypted tokens, under another key, for the same revocation and fields.</summary>
    public void StoreCiphertexts(string? accessToken, string? refreshToken)
    {
        AccessTokenCiphertext = accessToken ?? AccessTokenCiphertext;
        RefreshTokenCiphertext = refreshToken ?? RefreshTokenCiphertext;
    }
}
