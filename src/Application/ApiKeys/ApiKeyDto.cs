using Natero.Connectors.Domain.ApiKeys;

namespace Natero.Connectors.Application.ApiKeys;

/// <summary>
/// A key as its owners see it after creation: never its secret. <see cref="ParentKeyId"/>: the key that made it,
/// if a key did.
/// </summary>
public sealed record ApiKeyDto(
    Guid Id,
    string Name,
    string DisplayPrefix,
    IReadOnlyList<string> Scopes,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt,
    string? LastUsedIp,
    DateTimeOffset? RevokedAt,
    ApiKeyStatus Status,
    Guid? ParentKeyId
);

internal static class ApiKeyViews
{
    public static ApiKeyDto ToDto(this ApiKey key, string? createdBy, DateTimeOffset now) =>
        new(
            key.Id,
            key.Name,
            key.Prefix,
            key.Scopes.Order(StringComparer.Ordinal).ToList(),
            createdBy,
            key.CreatedAt,
            key.ExpiresAt,
            key.LastUsedAt,
            key.LastUsedIp,
            key.RevokedAt,
            key.RevokedAt is not null ? ApiKeyStatus.Revoked
                : now >= key.ExpiresAt ? ApiKeyStatus.Expired
                : ApiKeyStatus.Active,
            key.ParentKeyId
        );
}
