using System.Globalization;
using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Connections;

/// <summary>
/// A single-use, short-lived link into Natero that automation hands to a person: whoever opens it signs
/// in, must hold "Configure data connectors" in the tenant, and continues into the provider's consent
/// screen. Only the SHA-256 of the link's token is stored.
/// </summary>
public sealed class AuthorizationLink : Entity, ITenantOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private AuthorizationLink()
    {
        TokenHash = null!;
        Provider = null!;
        Environment = null!;
        RequestedBy = null!;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string TokenHash { get; private set; }
    public string Provider { get; private set; }
    public string Environment { get; private set; }
    public string? SignInHost { get; private set; }

    public SignInSite Site => new(Environment, SignInHost);
    public string? ReturnUrl { get; private set; }

    /// <summary>Who asked for the link (an API key's name), shown to the person who opens it.</summary>
    public string RequestedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public Guid? UsedByUserId { get; private set; }

    /// <summary>Optimistic concurrency: of two people using the link at once, only the first save goes through.</summary>
    public int Version { get; private set; }

    /// <summary>What a person is told about a link somebody already used, also when they lost the race to use it.</summary>
    public static Refusal AlreadyUsed { get; } =
        new("link_closed", "This link was already used. Ask for a new one, or authorize from Manage OAuth.");

    public static AuthorizationLink Create(
        Guid id,
        Guid tenantId,
        string tokenHash,
        string provider,
        SignInSite site,
        string? returnUrl,
        string requestedBy,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guard.NotEmpty(id, "Link id"),
            TenantId = Guard.NotEmpty(tenantId, "Tenant id"),
            TokenHash = Guard.NotBlank(tokenHash, "Token hash", 64),
            Provider = Guard.NotBlank(provider, "Provider", 32),
            Environment = (site ?? throw new DomainException("A sign-in site is required.")).Environment,
            SignInHost = site.Host,
            ReturnUrl = returnUrl,
            RequestedBy = Guard.NotBlank(requestedBy, "Requested by", 256),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };

    public bool IsOpen(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    /// <summary>Why the link cannot be used now, or null while it is open.</summary>
    public Refusal? RefusalToUse(DateTimeOffset now) =>
        this switch
        {
            { UsedAt: not null } => AlreadyUsed,
            _ when now >= ExpiresAt => new(
                "link_closed",
                $"This link expired at {ExpiresAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. "
                    + "Ask for a new one, or authorize from Manage OAuth."
            ),
            _ => null,
        };

    /// <summary>Uses the link up; a second use, or a use after it expired, is refused.</summary>
    public void Use(Guid userId, DateTimeOffset now)
    {
        if (RefusalToUse(now) is { } refusal)
        {
            throw new DomainException(refusal.Message);
        }

        UsedAt = now;
        UsedByUserId = Guard.NotEmpty(userId, "User id");
        Version++;
    }
}
