using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Connections;

/// <summary>
/// One tenant's link to one external org. The status moves only through the methods below; each
/// refuses a move its rules forbid, so no caller can put a connection into a state it cannot be in.
/// </summary>
public sealed class ProviderConnection : AuditableEntity, ITenantOwned
{
    private ProviderConnection()
    {
        Provider = null!;
        ExternalOrgId = null!;
        ExternalUserId = null!;
        Username = null!;
        InstanceUrl = null!;
        GrantedScopes = null!;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Provider { get; private set; }
    public ConnectionEnvironment Environment { get; private set; }
    public string? MyDomainHost { get; private set; }
    public string ExternalOrgId { get; private set; }
    public string ExternalUserId { get; private set; }
    public string Username { get; private set; }
    public string? DisplayName { get; private set; }
    public string InstanceUrl { get; private set; }
    public string GrantedScopes { get; private set; }
    public ConnectionStatus Status { get; private set; }
    public ConnectionStatus? StatusBeforeSuspension { get; private set; }
    public Guid AuthorizedByUserId { get; private set; }
    public string? AuthorizedByName { get; private set; }
    public DateTimeOffset AuthorizedAt { get; private set; }
    public Guid? ConfigurationCompletedByUserId { get; private set; }
    public DateTimeOffset? ConfigurationCompletedAt { get; private set; }
    public string? ConfigurationNote { get; private set; }
    public DateTimeOffset? LastRefreshedAt { get; private set; }
    public DateTimeOffset? LastVerifiedAt { get; private set; }
    public string? LastErrorCode { get; private set; }
    public string? LastErrorMessage { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }
    public int RefreshFailureCount { get; private set; }
    public string? AccessTokenCiphertext { get; private set; }
    public string? RefreshTokenCiphertext { get; private set; }
    public DateTimeOffset? AccessTokenIssuedAt { get; private set; }
    public DateTimeOffset? NextVerificationAt { get; private set; }
    public int VerificationFailureCount { get; private set; }

    /// <summary>Which monitor instance holds the verification of this connection, and until when (claimed by a conditional update).</summary>
    public string? VerificationLeaseOwner { get; private set; }
    public DateTimeOffset? VerificationLeaseExpiresAt { get; private set; }
    public DateTimeOffset? DisconnectedAt { get; private set; }
    public DateTimeOffset? SuspendedAt { get; private set; }

    /// <summary>What Natero staff told the tenant when they suspended the connection.</summary>
    public string? SuspensionReason { get; private set; }

    /// <summary>Optimistic concurrency: bumped by every change.</summary>
    public int Version { get; private set; }

    public bool HasTokens => AccessTokenCiphertext is not null;

    public bool IsConfigurationComplete => ConfigurationCompletedAt is not null;

    public static ProviderConnection Authorize(
        Guid id,
        Guid tenantId,
        string provider,
        ConnectionEnvironment environment,
        string? myDomainHost,
        ProviderAccount account,
        string grantedScopes,
        Guid authorizedByUserId,
        string? authorizedByName,
        DateTimeOffset now)
    {
        var connection = new ProviderConnection
        {
            Id = Guard.NotEmpty(id, "Connection id"),
            TenantId = Guard.NotEmpty(tenantId, "Tenant id"),
            Provider = Guard.NotBlank(provider, "Provider", 32),
            Status = ConnectionStatus.PendingConfiguration,
        };
        connection.ApplyAuthorization(environment, myDomainHost, account, grantedScopes, authorizedByUserId, authorizedByName, now);
        return connection;
    }

    /// <summary>The same org authorized again: same connection, fresh account details; status as before the trouble.</summary>
    public void Reauthorize(
        ConnectionEnvironment environment,
        string? myDomainHost,
        ProviderAccount account,
        string grantedScopes,
        Guid authorizedByUserId,
        string? authorizedByName,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (Status == ConnectionStatus.Suspended)
        {
            throw new IllegalStatusTransitionException(nameof(ProviderConnection), Status.ToString(), "reauthorized");
        }

        if (!string.Equals(account.ExternalOrgId, ExternalOrgId, StringComparison.Ordinal))
        {
            throw new DomainException("A connection can only be reauthorized by the same org.");
        }

        ApplyAuthorization(environment, myDomainHost, account, grantedScopes, authorizedByUserId, authorizedByName, now);
        Status = HealthyStatus;
        DisconnectedAt = null;
    }

    public void StoreTokens(ProtectedTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (Status == ConnectionStatus.Disconnected)
        {
            throw new DomainException("A disconnected connection holds no tokens.");
        }

        AccessTokenCiphertext = Guard.NotBlank(tokens.AccessToken, "Access token", 8192);
        RefreshTokenCiphertext = tokens.RefreshToken ?? RefreshTokenCiphertext;
        AccessTokenIssuedAt = tokens.IssuedAt ?? AccessTokenIssuedAt;
        Version++;
    }

    public void RecordRefresh(ProtectedTokens tokens, DateTimeOffset now)
    {
        EnsureUsable("refreshed");
        StoreTokens(tokens);
        LastRefreshedAt = now;
        RefreshFailureCount = 0;
    }

    public void CompleteConfiguration(Guid completedByUserId, string? note, DateTimeOffset now)
    {
        var completedBy = Guard.NotEmpty(completedByUserId, "User id");
        Move(ConnectionStatus.Active, from: [ConnectionStatus.PendingConfiguration]);
        ConfigurationCompletedByUserId = completedBy;
        ConfigurationCompletedAt = now;
        ConfigurationNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public void MarkApiAccessDisabled(ConnectionError error, DateTimeOffset now)
    {
        Move(ConnectionStatus.ApiAccessDisabled, from: [ConnectionStatus.PendingConfiguration, ConnectionStatus.Active, ConnectionStatus.ApiAccessDisabled]);
        RecordError(error, now);
        LastVerifiedAt = now;
    }

    /// <summary>A verification succeeded: clear the error and, after an API-access problem, go back to healthy.</summary>
    public void MarkVerified(DateTimeOffset now)
    {
        EnsureUsable("verified");
        if (Status == ConnectionStatus.ApiAccessDisabled)
        {
            Move(HealthyStatus, from: [ConnectionStatus.ApiAccessDisabled]);
        }
        else
        {
            Version++;
        }

        LastVerifiedAt = now;
        ClearError();
    }

    public void MarkNeedsReauthorization(ConnectionError error, DateTimeOffset now)
    {
        Move(ConnectionStatus.NeedsReauthorization, from: [ConnectionStatus.PendingConfiguration, ConnectionStatus.Active, ConnectionStatus.ApiAccessDisabled]);
        RecordError(error, now);
        RefreshFailureCount++;
    }

    public void Suspend(DateTimeOffset now, string? reason = null)
    {
        var before = Status;
        Move(ConnectionStatus.Suspended, from: [ConnectionStatus.PendingConfiguration, ConnectionStatus.Active, ConnectionStatus.ApiAccessDisabled, ConnectionStatus.NeedsReauthorization]);
        StatusBeforeSuspension = before;
        SuspendedAt = now;
        SuspensionReason = string.IsNullOrWhiteSpace(reason) ? null : Guard.NotBlank(reason, "Reason", 2000);
    }

    public void Resume()
    {
        var resumeTo = StatusBeforeSuspension ?? HealthyStatus;
        Move(resumeTo, from: [ConnectionStatus.Suspended]);
        StatusBeforeSuspension = null;
        SuspendedAt = null;
        SuspensionReason = null;
    }

    /// <summary>
    /// Erases the tokens and keeps the record. A suspension by Natero staff outlives it: the connection
    /// stays suspended (and so cannot be authorized again) until staff resume it, which leaves it disconnected.
    /// </summary>
    public void Disconnect(DateTimeOffset now)
    {
        if (Status == ConnectionStatus.Suspended)
        {
            StatusBeforeSuspension = ConnectionStatus.Disconnected;
            Version++;
        }
        else
        {
            Move(ConnectionStatus.Disconnected, from: [.. Enum.GetValues<ConnectionStatus>().Where(s => s != ConnectionStatus.Disconnected)]);
        }

        AccessTokenCiphertext = null;
        RefreshTokenCiphertext = null;
        AccessTokenIssuedAt = null;
        NextVerificationAt = null;
        DisconnectedAt = now;
    }

    /// <summary>
    /// When the monitor should look again: after <paramref name="interval"/> when healthy, sooner and
    /// then further apart (doubling, capped) while verification keeps failing.
    /// </summary>
    public void ScheduleVerification(DateTimeOffset now, TimeSpan interval, bool failed, TimeSpan firstRetry, TimeSpan maxRetry)
    {
        VerificationFailureCount = failed ? VerificationFailureCount + 1 : 0;
        var delay = failed
            ? TimeSpan.FromTicks(Math.Min(maxRetry.Ticks, firstRetry.Ticks * (1L << Math.Min(VerificationFailureCount - 1, 20))))
            : interval;
        NextVerificationAt = now + delay;
    }

    public void RecordError(ConnectionError error, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(error);
        LastErrorCode = error.Code;
        LastErrorMessage = error.Message;
        LastErrorAt = now;
        Version++;
    }

    private ConnectionStatus HealthyStatus =>
        IsConfigurationComplete ? ConnectionStatus.Active : ConnectionStatus.PendingConfiguration;

    private void ApplyAuthorization(
        ConnectionEnvironment environment,
        string? myDomainHost,
        ProviderAccount account,
        string grantedScopes,
        Guid authorizedByUserId,
        string? authorizedByName,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        var authorizedBy = Guard.NotEmpty(authorizedByUserId, "User id");
        if (environment == ConnectionEnvironment.MyDomain && string.IsNullOrWhiteSpace(myDomainHost))
        {
            throw new DomainException("A My Domain connection needs its host.");
        }

        Environment = environment;
        MyDomainHost = environment == ConnectionEnvironment.MyDomain ? myDomainHost!.Trim() : null;
        ExternalOrgId = account.ExternalOrgId;
        ExternalUserId = account.ExternalUserId;
        Username = account.Username;
        DisplayName = account.DisplayName;
        InstanceUrl = account.InstanceUrl.ToString().TrimEnd('/');
        GrantedScopes = grantedScopes?.Trim() ?? string.Empty;
        AuthorizedByUserId = authorizedBy;
        AuthorizedByName = authorizedByName;
        AuthorizedAt = now;
        RefreshFailureCount = 0;
        ClearError();
        Version++;
    }

    private void EnsureUsable(string action)
    {
        if (Status is ConnectionStatus.Suspended or ConnectionStatus.Disconnected or ConnectionStatus.NeedsReauthorization)
        {
            throw new IllegalStatusTransitionException(nameof(ProviderConnection), Status.ToString(), action);
        }
    }

    private void Move(ConnectionStatus to, ConnectionStatus[] from)
    {
        if (!from.Contains(Status))
        {
            throw new IllegalStatusTransitionException(nameof(ProviderConnection), Status.ToString(), to.ToString());
        }

        Status = to;
        Version++;
    }

    private void ClearError()
    {
        LastErrorCode = null;
        LastErrorMessage = null;
        LastErrorAt = null;
    }
}
