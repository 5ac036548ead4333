using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Telemetry;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.AccessTokens;

/// <summary>A usable access token and where to use it. Never printed.</summary>
public sealed record ConnectionAccessToken(string AccessToken, Uri InstanceUrl, DateTimeOffset? IssuedAt)
{
    public override string ToString() => $"ConnectionAccessToken {{ InstanceUrl = {InstanceUrl}, IssuedAt = {IssuedAt} }}";
}

internal sealed class ConnectionAccessTokens(
    IServiceScopeFactory scopes,
    IConnectionLock locks,
    ISecretProtector protector,
    TimeProvider time
) : IConnectionAccessTokens
{
    /// <summary>The read (and refresh, when stale) under way in this process for a connection.</summary>
    private readonly ConcurrentDictionary<ReadKey, Lazy<Task<Result<ConnectionAccessToken>>>> _getting = new();

    /// <summary>The refresh under way in this process for a connection's stale access token (its ciphertext).</summary>
    private readonly ConcurrentDictionary<RefreshKey, Lazy<Task<Result<ConnectionAccessToken>>>> _refreshing = new();

    private static readonly ConnectionError UnreadableCredentials = new(
        "credentials_unreadable",
        "Natero cannot read this connection's stored credentials. Someone with \"Configure data connectors\" must authorize again."
    );

    /// <summary>
    /// Single flight: a caller that arrives while a read of the same connection is under way takes that read's
    /// result (a burst of callers on one connection costs one query, not one each). A call that starts after
    /// another returned never reuses its result: the flight is forgotten before its callers see it end.
    /// </summary>
    public async Task<Result<ConnectionAccessToken>> GetAsync(Guid tenantId, Guid connectionId, CancellationToken cancellationToken)
    {
        var key = new ReadKey(tenantId, connectionId);
        var candidate = new Lazy<Task<Result<ConnectionAccessToken>>>(() => GetAndForgetAsync(key));
        return await _getting.GetOrAdd(key, candidate).Value.WaitAsync(cancellationToken);
    }

    private async Task<Result<ConnectionAccessToken>> GetAndForgetAsync(ReadKey key)
    {
        try
        {
            return await ReadOrRefreshAsync(key.TenantId, key.ConnectionId, CancellationToken.None);
        }
        finally
        {
            _getting.TryRemove(key, out _);
        }
    }

    private async Task<Result<ConnectionAccessToken>> ReadOrRefreshAsync(
        Guid tenantId,
        Guid connectionId,
        CancellationToken cancellationToken
    )
    {
        var current = await ReadAsync(tenantId, connectionId, cancellationToken);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        var (connection, lifetime) = current.Value;
        if (
            IsFresh(connection, lifetime, time.GetUtcNow())
            && protector.Unprotect(connection.AccessTokenCiphertext!, SecretBinding.AccessToken(tenantId, connectionId)) is { } token
        )
        {
            return new ConnectionAccessToken(token, new Uri(connection.InstanceUrl), connection.AccessTokenIssuedAt);
        }

        return await RefreshOnceAsync(tenantId, connectionId, connection.AccessTokenCiphertext!, cancellationToken);
    }

    public async Task<Result<ConnectionAccessToken>> RefreshAfterRejectionAsync(
        Guid tenantId,
        Guid connectionId,
        string rejectedAccessToken,
        CancellationToken cancellationToken
    )
    {
        var current = await ReadAsync(tenantId, connectionId, cancellationToken);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        var connection = current.Value.Connection;
        var token = protector.Unprotect(connection.AccessTokenCiphertext!, SecretBinding.AccessToken(tenantId, connectionId));
        if (token is not null && !string.Equals(token, rejectedAccessToken, StringComparison.Ordinal))
        {
            return new ConnectionAccessToken(token, new Uri(connection.InstanceUrl), connection.AccessTokenIssuedAt);
        }

        return await RefreshOnceAsync(tenantId, connectionId, connection.AccessTokenCiphertext!, cancellationToken);
    }

    /// <summary>
    /// Single flight: the first caller to find <paramref name="staleCiphertext"/> stale refreshes it; the
    /// callers that find the same stale token meanwhile await that refresh instead of queueing on the lock
    /// and re-reading the row one after another. The refresh itself is not cancelled by its first caller
    /// leaving, because others wait for it; each caller stops waiting when its own token is cancelled.
    /// </summary>
    private async Task<Result<ConnectionAccessToken>> RefreshOnceAsync(
        Guid tenantId,
        Guid connectionId,
        string staleCiphertext,
        CancellationToken cancellationToken
    )
    {
        var key = new RefreshKey(tenantId, connectionId, staleCiphertext);
        var candidate = new Lazy<Task<Result<ConnectionAccessToken>>>(() => RefreshAndForgetAsync(key));
        var flight = _refreshing.GetOrAdd(key, candidate);
        return await flight.Value.WaitAsync(cancellationToken);
    }

    private async Task<Result<ConnectionAccessToken>> RefreshAndForgetAsync(RefreshKey key)
    {
        using var span = NateroTelemetry.StartConnectionSpan("natero.connection.refresh", key.TenantId, key.ConnectionId);
        try
        {
            return await RefreshAsync(key.TenantId, key.ConnectionId, key.StaleCiphertext, CancellationToken.None);
        }
        finally
        {
            // Later callers read the row again: the token stored now, or a new refresh if it is stale again.
            _refreshing.TryRemove(key, out _);
        }
    }

    /// <summary>Refreshes unless the stored access token is no longer <paramref name="staleCiphertext"/> once the lock is held.</summary>
    private async Task<Result<ConnectionAccessToken>> RefreshAsync(
        Guid tenantId,
        Guid connectionId,
        string staleCiphertext,
        CancellationToken cancellationToken
    )
    {
        await using var held = await locks.AcquireAsync(connectionId, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<ITenantContext>().SetTenant(tenantId, string.Empty);
        var db = services.GetRequiredService<IApplicationDbContext>();
        var connection = await db.ProviderConnections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return Error.NotFound("Connection");
        }

        if (Unusable(connection) is { } unusable)
        {
            return unusable;
        }

        var audit = services.GetRequiredService<IAuditTrail>();
        var accessBinding = SecretBinding.AccessToken(tenantId, connectionId);
        if (protector.Unprotect(connection.AccessTokenCiphertext!, accessBinding) is not { } stored)
        {
            return await GiveUpAsync(db, audit, connection, UnreadableCredentials, cancellationToken);
        }

        if (!string.Equals(connection.AccessTokenCiphertext, staleCiphertext, StringComparison.Ordinal))
        {
            // Another caller refreshed it while this one waited for the lock.
            return new ConnectionAccessToken(stored, new Uri(connection.InstanceUrl), connection.AccessTokenIssuedAt);
        }

        var provider = services.GetRequiredService<IOAuthProviderRegistry>().Find(connection.Provider);
        if (provider is null)
        {
            return Error.Conflict("provider_unavailable", $"The provider {connection.Provider} is not available on this installation.");
        }

        if (connection.RefreshTokenCiphertext is null)
        {
            // A grant without a refresh token (a provider client whose tokens do not expire) cannot be renewed.
            return await GiveUpAsync(db, audit, connection, NoRefreshToken(provider.Descriptor.DisplayName), cancellationToken);
        }

        var refreshToken = protector.Unprotect(connection.RefreshTokenCiphertext, SecretBinding.RefreshToken(tenantId, connectionId));
        if (refreshToken is null)
        {
            // Never use a credential that does not decrypt for this row: it was altered or copied from another.
            return await GiveUpAsync(db, audit, connection, UnreadableCredentials, cancellationToken);
        }

        var grant = await provider.RefreshAsync(connection.Site, refreshToken, cancellationToken);
        if (!grant.IsSuccess)
        {
            if (grant.Error!.Code == ProviderErrorCodes.RefreshRejected)
            {
                return await GiveUpAsync(
                    db,
                    audit,
                    connection,
                    new ConnectionError(ProviderErrorCodes.RefreshRejected, grant.Error.Message),
                    cancellationToken
                );
            }

            // Not terminal (provider down, timeout): the connection stays as it is, with the failure on record.
            NateroTelemetry.Refreshed(connection.Provider, grant.Error.Code);
            connection.RecordError(new ConnectionError(grant.Error.Code, grant.Error.Message), time.GetUtcNow());
            audit.Record(RefreshAudit.Failed, $"connection:{connectionId}", AuditOutcome.Failure, grant.Error.Message, tenantId);
            await db.SaveChangesAsync(cancellationToken);
            return grant.Error;
        }

        var now = time.GetUtcNow();
        var moved = !string.Equals(grant.Value.InstanceUrl.ToString().TrimEnd('/'), connection.InstanceUrl, StringComparison.Ordinal);
        var previousInstance = connection.InstanceUrl;
        connection.RecordRefresh(
            new ProtectedTokens(
                protector.Protect(grant.Value.AccessToken, accessBinding),
                grant.Value.RefreshToken is null
                    ? null
                    : protector.Protect(grant.Value.RefreshToken, SecretBinding.RefreshToken(tenantId, connectionId)),
                now,
                now + grant.Value.ExpiresIn
            ),
            now,
            grant.Value.InstanceUrl
        );
        var data = new Dictionary<string, string?> { ["refresh_token_rotated"] = (grant.Value.RefreshToken is not null).ToString() };
        if (moved)
        {
            // The provider moved the account (an org migration, a changed My Domain): its new home is on record.
            (data["instance_url_before"], data["instance_url"]) = (previousInstance, connection.InstanceUrl);
        }

        NateroTelemetry.Refreshed(connection.Provider, failure: null);
        audit.Record(RefreshAudit.Refreshed, $"connection:{connectionId}", AuditOutcome.Success, tenantId: tenantId, data: data);
        await db.SaveChangesAsync(cancellationToken);
        return new ConnectionAccessToken(grant.Value.AccessToken, new Uri(connection.InstanceUrl), now);
    }

    private async Task<Result<(ProviderConnection Connection, TimeSpan Lifetime)>> ReadAsync(
        Guid tenantId,
        Guid connectionId,
        CancellationToken cancellationToken
    )
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<ITenantContext>().SetTenant(tenantId, string.Empty);
        var connection = await services
            .GetRequiredService<IApplicationDbContext>()
            .ProviderConnections.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return Error.NotFound("Connection");
        }

        if (Unusable(connection) is { } unusable)
        {
            return unusable;
        }

        var lifetime = services.GetRequiredService<IOAuthProviderRegistry>().Find(connection.Provider)?.Descriptor.AccessTokenLifetime
            ?? TimeSpan.Zero;
        return (connection, lifetime);
    }

    /// <summary>
    /// Whether the stored access token may still be used: until a minute before the expiry the provider named,
    /// or, when it named none, for the provider's usual lifetime (forever for a provider whose such tokens never end).
    /// </summary>
    private static bool IsFresh(ProviderConnection connection, TimeSpan lifetime, DateTimeOffset now) =>
        connection.AccessTokenExpiresAt is { } expiresAt
            ? now < expiresAt - ExpiryMargin
            : connection.AccessTokenIssuedAt is { } issuedAt && (lifetime == Timeout.InfiniteTimeSpan || now - issuedAt < lifetime);

    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);

    private static ConnectionError NoRefreshToken(string provider) =>
        new(
            ProviderErrorCodes.RefreshRejected,
            $"{provider} refused the access token, and its grant came without a refresh token to renew it. "
                + "Someone with \"Configure data connectors\" must authorize again."
        );

    private static Error? Unusable(ProviderConnection connection) =>
        connection.RefusalTo(ConnectionAction.Use) is { } refusal ? Error.Refused(refusal) : null;

    /// <summary>Terminal: the connection stops being used until someone authorizes again. Recorded once.</summary>
    private async Task<Result<ConnectionAccessToken>> GiveUpAsync(
        IApplicationDbContext db,
        IAuditTrail audit,
        ProviderConnection connection,
        ConnectionError error,
        CancellationToken cancellationToken
    )
    {
        NateroTelemetry.Refreshed(connection.Provider, error.Code);
        connection.MarkNeedsReauthorization(error, time.GetUtcNow());
        audit.Record(
            RefreshAudit.Refused,
            $"connection:{connection.Id}",
            AuditOutcome.Failure,
            error.Message,
            connection.TenantId,
            new Dictionary<string, string?> { ["code"] = error.Code }
        );
        await db.SaveChangesAsync(cancellationToken);
        return Error.Conflict("needs_reauthorization", error.Message);
    }

    private readonly record struct ReadKey(Guid TenantId, Guid ConnectionId);

    private readonly record struct RefreshKey(Guid TenantId, Guid ConnectionId, string StaleCiphertext);
}
