using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.ApiKeys.Authentication;

/// <summary>
/// A key that may be used now, and the tenant it acts in (none for a platform key). A tenant key's
/// <see cref="Scopes"/> are its scopes narrowed to what its creator's membership allows.
/// </summary>
public sealed record AuthenticatedApiKey(
    Guid Id,
    string Name,
    string DisplayPrefix,
    Guid? TenantId,
    string? TenantSlug,
    IReadOnlySet<string> Scopes,
    Guid CreatedByUserId,
    string CreatedByEmail,
    Guid? MembershipId = null,
    TenantStatus? TenantStatus = null
);

internal sealed class ApiKeyAuthenticator(
    IApplicationDbContext db,
    IUserDirectory users,
    IMemoryCache cache,
    ApiKeyCacheSignals signals,
    IApiKeyCacheInvalidation invalidation,
    ApiKeyRefusals refusals,
    Usage.ApiCallCounts calls,
    IOptions<ApiKeyOptions> options,
    TimeProvider time
) : IApiKeyAuthenticator
{
    private static readonly TimeSpan UseRecordedEvery = TimeSpan.FromMinutes(1);

    public async Task<Result<AuthenticatedApiKey>> AuthenticateAsync(
        string presented,
        string? ipAddress,
        CancellationToken cancellationToken
    )
    {
        if (!ApiKeySecret.HasValidShape(presented))
        {
            // Nothing of the text is kept: it may be a real key with a typo in it.
            return Refused(
                new ApiKeyRefusal(ApiKeyRefusals.Malformed, ipAddress, "invalid_api_key"),
                "This is not a Natero API key. Send the whole key, as it was shown when it was created."
            );
        }

        var hash = ApiKeySecret.Hash(presented);
        var key = await cache.GetOrCreateAsync(CacheKey(hash), async entry =>
        {
            var generation = signals.Generation;
            var loaded = await LoadAsync(hash, cancellationToken);
            foreach (var token in signals.For(loaded?.Id, loaded?.CreatedByUserId))
            {
                entry.AddExpirationToken(token);
            }

            // A drop while the key was read may have come after the read: answer with it, but do not keep it.
            entry.AbsoluteExpirationRelativeToNow = signals.Generation == generation ? options.Value.CacheDuration : TimeSpan.FromTicks(1);
            return loaded;
        });
        if (key is null)
        {
            var prefix = presented[..ApiKeySecret.DisplayPrefixLength];
            return Refused(new ApiKeyRefusal(prefix, ipAddress, "invalid_api_key"), "This API key is not valid.");
        }

        var now = time.GetUtcNow();
        if (RefusalOf(key, now) is var (code, message))
        {
            return Refused(new ApiKeyRefusal(key.DisplayPrefix, ipAddress, code, key.Id, key.TenantId), message);
        }

        if (key.UseRecordedAt is not { } recorded || now - recorded >= UseRecordedEvery)
        {
            var threshold = now - UseRecordedEvery;
            await db
                .ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < threshold))
                .ExecuteUpdateAsync(
                    set => set.SetProperty(k => k.LastUsedAt, now).SetProperty(k => k.LastUsedIp, ipAddress),
                    cancellationToken
                );
            key.UseRecordedAt = now;
        }

        calls.Count(key.TenantId, now);
        return new AuthenticatedApiKey(
            key.Id,
            key.Name,
            key.DisplayPrefix,
            key.TenantId,
            key.TenantSlug,
            key.Scopes,
            key.CreatedByUserId,
            key.CreatedByEmail,
            key.MembershipId,
            key.TenantStatus
        );
    }

    public void Forget(Guid keyId) => invalidation.Drop(ApiKeyCacheDrop.Key(keyId));

    public void ForgetCreator(Guid userId) => invalidation.Drop(ApiKeyCacheDrop.Creator(userId));

    /// <summary>Why a stored key may not be used now (its code and words for the caller), or null when it may.</summary>
    private static (string Code, string Message)? RefusalOf(StoredKey key, DateTimeOffset now) =>
        key switch
        {
            { RevokedAt: { } revoked } => ("api_key_revoked", $"This API key was revoked on {revoked:yyyy-MM-dd}."),
            { ExpiresAt: var expires } when now >= expires => (
                "api_key_expired",
                $"This API key expired on {expires:yyyy-MM-dd}. Create a new one."
            ),
            { Lineage.ParentMissing: true } => (
                "api_key_revoked",
                "The key that made this API key no longer exists, and this key went with it."
            ),
            { Lineage.RevokedAt: { } revoked } => (
                "api_key_revoked",
                $"The key that made this API key was revoked on {revoked:yyyy-MM-dd}, and this key with it."
            ),
            { Lineage.ExpiresAt: { } expires } when now >= expires => (
                "api_key_expired",
                $"The key that made this API key expired on {expires:yyyy-MM-dd}, and this key with it."
            ),
            { CreatorMayUse: false } => (
                "api_key_creator_gone",
                "The person who created this key no longer has the access it was given. Create a new key."
            ),
            _ => null,
        };

    private static string CacheKey(string hash) => $"natero:api-key:{hash}";

    private Result<AuthenticatedApiKey> Refused(ApiKeyRefusal refusal, string message)
    {
        refusals.Count(refusal);
        return new Error(ErrorKind.Unauthorized, refusal.Reason, message);
    }

    private async Task<StoredKey?> LoadAsync(string hash, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.SecretHash == hash, cancellationToken);
        if (key is null)
        {
            return null;
        }

        var creator = (await users.GetByIdsAsync([key.CreatedByUserId], cancellationToken)).GetValueOrDefault(key.CreatedByUserId);
        var scopes = key.Scopes.ToHashSet(StringComparer.Ordinal);
        var lineage = await LineageAsync(key.ParentKeyId, cancellationToken);
        if (key.TenantId is not { } tenantId)
        {
            var roles = await users.GetActiveRolesAsync(key.CreatedByUserId, cancellationToken);
            var rolesHeld = creator is { Disabled: false } && key.Scopes.All(s => PlatformRoles.Covers(roles, s));
            return new StoredKey(
                key.Id,
                key.Name,
                key.Prefix,
                null,
                null,
                scopes,
                key.CreatedByUserId,
                creator?.Email ?? "a former user",
                key.ExpiresAt,
                key.RevokedAt,
                lineage,
                key.LastUsedAt,
                rolesHeld,
                null,
                null
            );
        }

        // The creator's membership now: a key never does more than its creator may.
        var membership = await db
            .Memberships.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.UserId == key.CreatedByUserId)
            .Join(
                db.Tenants,
                m => m.TenantId,
                t => t.Id,
                (m, t) =>
                    new
                    {
                        Membership = m,
                        t.Slug,
                        t.Status,
                    }
            )
            .SingleOrDefaultAsync(cancellationToken);
        if (membership is not null)
        {
            scopes.IntersectWith(membership.Membership.Permissions);
        }

        var slug = membership?.Slug
            ?? await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Slug).SingleOrDefaultAsync(cancellationToken);
        return new StoredKey(
            key.Id,
            key.Name,
            key.Prefix,
            tenantId,
            slug,
            scopes,
            key.CreatedByUserId,
            creator?.Email ?? "a former user",
            key.ExpiresAt,
            key.RevokedAt,
            lineage,
            key.LastUsedAt,
            creator is { Disabled: false } && membership is not null,
            membership?.Membership.Id,
            membership?.Status
        );
    }

    /// <summary>
    /// The keys a key descends from, summed up: the earliest revocation and the earliest expiry among them.
    /// Revoking a key revokes what it made, and a key never outlives its parent; this holds even where that
    /// cascade was missed (a revocation by hand in the database, a bug).
    /// </summary>
    private async Task<Lineage> LineageAsync(Guid? parentId, CancellationToken cancellationToken)
    {
        var lineage = new Lineage(null, null, ParentMissing: false);
        var seen = new HashSet<Guid>();
        while (parentId is { } id && seen.Add(id))
        {
            var parent = await db
                .ApiKeys.AsNoTracking()
                .Where(k => k.Id == id)
                .Select(k => new
                {
                    k.ParentKeyId,
                    k.RevokedAt,
                    k.ExpiresAt,
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (parent is null)
            {
                // A parent that no longer exists cannot vouch for its child.
                return lineage with { ParentMissing = true };
            }

            lineage = lineage with
            {
                RevokedAt = Earliest(lineage.RevokedAt, parent.RevokedAt),
                ExpiresAt = Earliest(lineage.ExpiresAt, parent.ExpiresAt),
            };
            parentId = parent.ParentKeyId;
        }

        return lineage;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b
        : b is null ? a
        : a < b ? a
        : b;

    /// <summary>The earliest revocation and expiry among the keys a key descends from; both null for a key a person made.</summary>
    private sealed record Lineage(DateTimeOffset? RevokedAt, DateTimeOffset? ExpiresAt, bool ParentMissing);

    private sealed record StoredKey(
        Guid Id,
        string Name,
        string DisplayPrefix,
        Guid? TenantId,
        string? TenantSlug,
        IReadOnlySet<string> Scopes,
        Guid CreatedByUserId,
        string CreatedByEmail,
        DateTimeOffset ExpiresAt,
        DateTimeOffset? RevokedAt,
        Lineage Lineage,
        DateTimeOffset? LastUsedAt,
        bool CreatorMayUse,
        Guid? MembershipId,
        TenantStatus? TenantStatus
    )
    {
        private long _useRecordedTicks = LastUsedAt?.UtcTicks ?? 0;

        /// <summary>
        /// The last use this instance recorded (or the stored one), changed in place so that the cache entry
        /// keeps the expiry it was loaded with: revocations elsewhere still arrive within the cache duration.
        /// </summary>
        public DateTimeOffset? UseRecordedAt
        {
            get => Interlocked.Read(ref _useRecordedTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
            set => Interlocked.Exchange(ref _useRecordedTicks, value?.UtcTicks ?? 0);
        }
    }
}
