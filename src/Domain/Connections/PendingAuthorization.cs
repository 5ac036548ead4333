using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Connections;

/// <summary>
/// One OAuth attempt between "Authorize provider" and the provider's callback. Holds only hashes of
/// the state and of the browser-binding value, and the PKCE verifier encrypted; it is claimed once.
/// </summary>
public sealed class PendingAuthorization : Entity, ITenantOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private PendingAuthorization()
    {
        Provider = null!;
        Environment = null!;
        LoginUrl = null!;
        StateHash = null!;
        BrowserBindingHash = null!;
        ProtectedCodeVerifier = null!;
        ReturnUrl = null!;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid UserId { get; private set; }
    public string Provider { get; private set; }
    public string Environment { get; private set; }
    public string? SignInHost { get; private set; }

    public SignInSite Site => new(Environment, SignInHost);
    public string LoginUrl { get; private set; }
    public string StateHash { get; private set; }
    public string BrowserBindingHash { get; private set; }
    public string ProtectedCodeVerifier { get; private set; }
    public string ReturnUrl { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? ConsumedAt { get; private set; }
    public AuthorizationOutcome? Outcome { get; private set; }
    public string? OutcomeDetail { get; private set; }
    public Guid? ConnectionId { get; private set; }

    /// <summary>Optimistic concurrency: of two callbacks claiming the attempt at once, only the first save goes through.</summary>
    public int Version { get; private set; }

    /// <summary>What a callback is told about an attempt already claimed, also when it lost the race to claim it.</summary>
    public static Refusal AlreadyClaimed { get; } =
        new("oauth_callback_rejected", "This sign-in link has already been used. Start again from Manage OAuth.");

    public static PendingAuthorization Start(
        Guid id,
        Guid tenantId,
        Guid userId,
        string provider,
        SignInSite site,
        Uri loginUrl,
        string stateHash,
        string browserBindingHash,
        string protectedCodeVerifier,
        string returnUrl,
        DateTimeOffset now
    )
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(loginUrl);
        return new PendingAuthorization
        {
            Id = Guard.NotEmpty(id, "Authorization id"),
            TenantId = Guard.NotEmpty(tenantId, "Tenant id"),
            UserId = Guard.NotEmpty(userId, "User id"),
            Provider = Guard.NotBlank(provider, "Provider", 32),
            Environment = site.Environment,
            SignInHost = site.Host,
            LoginUrl = loginUrl.ToString().TrimEnd('/'),
            StateHash = Guard.NotBlank(stateHash, "State hash", 128),
            BrowserBindingHash = Guard.NotBlank(browserBindingHash, "Browser binding hash", 128),
            ProtectedCodeVerifier = Guard.NotBlank(protectedCodeVerifier, "Code verifier", 1024),
            ReturnUrl = Guard.NotBlank(returnUrl, "Return URL", 2048),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
    }

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public bool IsConsumed => ConsumedAt is not null;

    /// <summary>
    /// Why the callback of <paramref name="userId"/>, from the browser whose binding value hashes to
    /// <paramref name="browserBindingHash"/>, may not claim this attempt now; null when it may.
    /// </summary>
    public Refusal? RefusalToClaim(Guid? userId, string? browserBindingHash, DateTimeOffset now) =>
        this switch
        {
            { IsConsumed: true } => AlreadyClaimed,
            _ when IsExpired(now) => Rejected(
                "This sign-in link expired: finish within 10 minutes of clicking Authorize provider. Start again from Manage OAuth."
            ),
            _ when userId != UserId => Rejected(
                "This sign-in was started by another Natero user. Each person must start their own from Manage OAuth."
            ),
            _ when !string.Equals(browserBindingHash, BrowserBindingHash, StringComparison.Ordinal) => Rejected(
                "This sign-in was started in another browser. Finish it in the browser where you clicked Authorize provider."
            ),
            _ => null,
        };

    /// <summary>Claims the attempt for its callback, once; anything <see cref="RefusalToClaim"/> refuses throws.</summary>
    public void Claim(Guid userId, string browserBindingHash, DateTimeOffset now)
    {
        if (RefusalToClaim(userId, browserBindingHash, now) is { } refusal)
        {
            throw new DomainException(refusal.Message);
        }

        ConsumedAt = now;
        Version++;
    }

    /// <summary>Records how the attempt ended; it must already have been claimed.</summary>
    public void Finish(AuthorizationOutcome outcome, string? detail, Guid? connectionId, DateTimeOffset now)
    {
        if (Outcome is not null)
        {
            throw new DomainException("This authorization attempt has already ended.");
        }

        ConsumedAt ??= now;
        Outcome = outcome;
        OutcomeDetail = detail;
        ConnectionId = connectionId;
        Version++;
    }

    private static Refusal Rejected(string message) => new("oauth_callback_rejected", message);
}
