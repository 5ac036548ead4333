using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.ApiKeys;

/// <summary>A key for automation. Only the SHA-256 hash of the secret is ever stored.</summary>
public sealed class ApiKey : AuditableEntity
{
    private readonly List<string> _scopes = [];

    private ApiKey()
    {
        Name = null!;
        Prefix = null!;
        SecretHash = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>Null for a platform-scoped key.</summary>
    public Guid? TenantId { get; private set; }
    public string Name { get; private set; }
    public string Prefix { get; private set; }
    public string SecretHash { get; private set; }
    public IReadOnlyCollection<string> Scopes => _scopes;
    public Guid CreatedByUserId { get; private set; }

    /// <summary>The key that made this one, if a key did: this one expires no later and is revoked with it.</summary>
    public Guid? ParentKeyId { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public string? LastUsedIp { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static ApiKey Create(
        Guid id,
        Guid? tenantId,
        string name,
        string prefix,
        string secretHash,
        IEnumerable<string> scopes,
        Guid createdByUserId,
        DateTimeOffset expiresAt,
        ApiKey? parent = null
    )
    {
        if (parent is not null && (!parent.MayMakeKeyExpiringAt(expiresAt) || parent.TenantId != tenantId))
        {
            throw new DomainException("A key made by another key stays in its tenant and expires no later than it.");
        }

        var key = new ApiKey
        {
            Id = Guard.NotEmpty(id, "API key id"),
            TenantId = tenantId,
            Name = Guard.NotBlank(name, "Name", 100),
            Prefix = Guard.NotBlank(prefix, "Prefix", 32),
            SecretHash = Guard.NotBlank(secretHash, "Secret hash", 128),
            CreatedByUserId = Guard.NotEmpty(createdByUserId, "User id"),
            ExpiresAt = expiresAt,
            ParentKeyId = parent?.Id,
        };
        key._scopes.AddRange(scopes.Distinct(StringComparer.Ordinal));
        return key;
    }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>A key this one makes may live as long as this one, never longer.</summary>
    public bool MayMakeKeyExpiringAt(DateTimeOffset expiresAt) => expiresAt <= ExpiresAt;

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            throw new DomainException("This API key is already revoked.");
        }

        RevokedAt = now;
    }

    /// <summary>Revoked because the key that made it (or one before that) was: nothing to do if it already is.</summary>
    public void RevokeWithParent(DateTimeOffset now)
    {
        if (RevokedAt is null)
        {
            RevokedAt = now;
        }
    }

    public void RecordUse(DateTimeOffset now, string? ip)
    {
        LastUsedAt = now;
        LastUsedIp = ip;
    }
}
