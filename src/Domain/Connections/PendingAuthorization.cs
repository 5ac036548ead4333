using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Connections;

public enum AuthorizationOutcome
{
    Connected,
    Denied,
    Failed,
    Expired,
}

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
    public ConnectionEnvironment Environment { get; private set; }
    public string? MyDomainHost { get; private set; }
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

    public static PendingAuthorization Start(
        Guid id,
        Guid tenantId,
        Guid userId,
        string provider,
        ConnectionEnvironment environment,
        string? myDomainHost,
        Uri loginUrl,
        string stateHash,
        string browserBindingHash,
        string protectedCodeVerifier,
        string returnUrl,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(loginUrl);
        return new PendingAuthorization
        {
            Id = Guard.NotEmpty(id, "Authorization id"),
            TenantId = Guard.NotEmpty(tenantId, "Tenant id"),
            UserId = Guard.NotEmpty(userId, "User id"),
            Provider = Guard.NotBlank(provider, "Provider", 32),
            Environment = environment,
            MyDomainHost = myDomainHost,
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
    }
}
