using Natero.Connectors.Domain.Common;
using static Natero.Connectors.Domain.Connections.ConnectionStatus;

namespace Natero.Connectors.Domain.Connections;

/// <summary>
/// One tenant's link to one external org. The status moves only through the methods below; each
/// refuses a move its rules forbid, so no caller can put a connection into a state it cannot be in.
/// Callers ask <see cref="RefusalTo"/> before they act, so the rules are written here and nowhere else.
/// </summary>
public sealed class ProviderConnection : AuditableEntity, ITenantOwned
{
    /// <summary>The statuses each action may start from: the one place that says so.</summary>
    private static readonly Dictionary<ConnectionAction, ConnectionStatus[]> AllowedFrom = new()
    {
        [ConnectionAction.CompleteConfiguration] = [PendingConfiguration],
        [ConnectionAction.Use] = [PendingConfiguration, Active, ApiAccessDisabled],
        [ConnectionAction.Suspend] = [PendingConfiguration, Active, ApiAccessDisabled, NeedsReauthorization],
        [ConnectionAction.Resume] = [Suspended],

        // A suspension by Natero staff outlives a disconnect: the tokens go, the suspension stays.
        [ConnectionAction.Disconnect] = [PendingConfiguration, Active, ApiAccessDisabled, NeedsReauthorization, Suspended],
        [ConnectionAction.Reauthorize] = [PendingConfiguration, Active, ApiAccessDisabled, NeedsReauthorization, Disconnected],
    };

    /// <summary>Set by <see cref="Reauthorize"/> on the instance that did it; never stored.</summary>
    private bool _authorizedAgain;

    private ProviderConnection()
    {
        Provider = null!;
        Environment = null!;
        ExternalOrgId = null!;
        ExternalUserId = null!;
        Username = null!;
        InstanceUrl = null!;
        GrantedScopes = null!;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Provider { get; private set; }
    public string Environment { get; private set; }
    public string? SignInHost { get; private set; }
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

    /// <summary>When the provider said the access token ends; null when its answer named no expiry.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; private set; }

    /// <summary>The account's own name and edition, as the provider last described them (e.g. an org's name).</summary>
    public string? AccountName { get; private set; }

    public string? AccountEdition { get; private set; }

    /// <summary>The provider's daily API allowance and what is left of it, when the provider reports them.</summary>
    public long? ApiRequestsMax { get; private set; }

    public long? ApiRequestsRemaining { get; private set; }

    public DateTimeOffset? ReadinessCheckedAt { get; private set; }
    public DateTimeOffset? NextVerificationAt { get; private set; }
    public int VerificationFailureCount { get; private set; }

    /// <summary>
    /// Which monitor instance holds the verification of this connection, and until when (claimed by a conditional update).
    /// </summary>
    public string? VerificationLeaseOwner { get; private set; }
    public DateTimeOffset? VerificationLeaseExpiresAt { get; private set; }
    public DateTimeOffset? DisconnectedAt { get; private set; }
    public DateTimeOffset? SuspendedAt { get; private set; }

    /// <summary>What Natero staff told the tenant when they suspended the connection.</summary>
    public string? SuspensionReason { get; private set; }

    /// <summary>Optimistic concurrency: bumped by every change.</summary>
    public int Version { get; private set; }

    public bool HasTokens => AccessTokenCiphertext is not null;

    /// <summary>Healthy with tokens, as far as Natero last knew: a grant worth keeping over one that cannot use the API.</summary>
    public bool IsWorking => HasTokens && Status is Active or PendingConfiguration;

    public bool IsConfigurationComplete => ConfigurationCompletedAt is not null;

    public bool IsSuspended => Status == Suspended;

    /// <summary>Whether this instance was authorized again since its last save: persistence raises the event of it.</summary>
    public bool WasReauthorized => _authorizedAgain;

    /// <summary>Persistence has written the event of the reauthorization: a later save of this instance raises none.</summary>
    public void ReauthorizationRecorded() => _authorizedAgain = false;

    /// <summary>Where the person signed in; the provider's adapter turns it back into its hosts.</summary>
    public SignInSite Site => new(Environment, SignInHost);

    /// <summary>Why the connection is in its status, when it has a reason: staff's words for a suspension, else the error.</summary>
    public string? StatusReason =>
        Status switch
        {
            Suspended => SuspensionReason,
            NeedsReauthorization or ApiAccessDisabled => LastErrorMessage,
            _ => null,
        };

    /// <summary>Whether the provider's daily API allowance is below a tenth, the point at which the pages warn.</summary>
    public bool ApiAllowanceLow => ApiRequestsMax > 0 && ApiRequestsRemaining * 10 < ApiRequestsMax;

    /// <summary>Whether the table lets <paramref name="action"/> start from <paramref name="status"/> (for lists and queries).</summary>
    public static bool Allows(ConnectionAction action, ConnectionStatus status) => AllowedFrom[action].Contains(status);

    /// <summary>The statuses <paramref name="action"/> may start from, for a query that selects connections by it.</summary>
    public static IReadOnlyList<ConnectionStatus> StatusesAllowing(ConnectionAction action) => AllowedFrom[action];

    /// <summary>Why this connection refuses <paramref name="action"/> now, or null when it may go ahead.</summary>
    public Refusal? RefusalTo(ConnectionAction action) =>
        action switch
        {
            ConnectionAction.Disconnect when IsSuspended && !HasTokens => AlreadyDisconnected,
            ConnectionAction.Use when Allows(action, Status) && !HasTokens => NotUsable(),
            _ when Allows(action, Status) => null,
            ConnectionAction.CompleteConfiguration => new(
                "not_pending",
                $"Only a connection pending configuration can be completed; this one is {Status}."
            ),
            ConnectionAction.Use => NotUsable(),
            ConnectionAction.Suspend => new("cannot_suspend", $"A {Status} connection cannot be suspended."),
            ConnectionAction.Resume => new("not_suspended", "Only a suspended connection can be resumed."),
            ConnectionAction.Disconnect => AlreadyDisconnected,
            ConnectionAction.Reauthorize => new(
                "connection_suspended",
                "This org's connection is suspended by Natero. Contact Natero support to resume it."
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };

    public static ProviderConnection Authorize(
        Guid id,
        Guid tenantId,
        string provider,
        SignInSite site,
        ProviderAccount account,
        string grantedScopes,
        Guid authorizedByUserId,
        string? authorizedByName,
        DateTimeOffset now
    )
    {
        var connection = new ProviderConnection
        {
            Id = Guard.NotEmpty(id, "Connection id"),
            TenantId = Guard.NotEmpty(tenantId, "Tenant id"),
            Provider = Guard.NotBlank(provider, "Provider", 32),
            Status = PendingConfiguration,
        };
        connection.ApplyAuthorization(site, account, grantedScopes, authorizedByUserId, authorizedByName, now);
        return connection;
    }

    /// <summary>The same org authorized again: same connection, fresh account details; status as before the trouble.</summary>
    public void Reauthorize(
        SignInSite site,
        ProviderAccount account,
        string grantedScopes,
        Guid authorizedByUserId,
        string? authorizedByName,
        DateTimeOffset now
    )
    {
        ArgumentNullException.ThrowIfNull(account);
        Ensure(ConnectionAction.Reauthorize, "reauthorized");

        if (!string.Equals(account.ExternalOrgId, ExternalOrgId, StringComparison.Ordinal))
        {
            throw new DomainException("A connection can only be reauthorized by the same org.");
        }

        ApplyAuthorization(site, account, grantedScopes, authorizedByUserId, authorizedByName, now);
        Status = HealthyStatus;
        DisconnectedAt = null;
        _authorizedAgain = true;
    }

    public void StoreTokens(ProtectedTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (Status == Disconnected)
        {
            throw new DomainException("A disconnected connection holds no tokens.");
        }

        AccessTokenCiphertext = Guard.NotBlank(tokens.AccessToken, "Access token", 8192);
        RefreshTokenCiphertext = tokens.RefreshToken ?? RefreshTokenCiphertext;
        AccessTokenIssuedAt = tokens.IssuedAt ?? AccessTokenIssuedAt;
        AccessTokenExpiresAt = tokens.ExpiresAt;
        Version++;
    }

    /// <summary>
    /// A refreshed token. <paramref name="instanceUrl"/> is where the provider now says the account lives (an org
    /// moved to another instance, a changed My Domain); the adapter has checked that it is one of the provider's hosts.
    /// </summary>
    public void RecordRefresh(ProtectedTokens tokens, DateTimeOffset now, Uri? instanceUrl = null)
    {
        Ensure(ConnectionAction.Use, "refreshed");
        StoreTokens(tokens);
        if (instanceUrl is not null)
        {
            InstanceUrl = instanceUrl.ToString().TrimEnd('/');
        }

        LastRefreshedAt = now;
        RefreshFailureCount = 0;
    }

    public void CompleteConfiguration(Guid completedByUserId, string? note, DateTimeOffset now)
    {
        var completedBy = Guard.NotEmpty(completedByUserId, "User id");
        Move(ConnectionAction.CompleteConfiguration, Active);
        ConfigurationCompletedByUserId = completedBy;
        ConfigurationCompletedAt = now;
        ConfigurationNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public void MarkApiAccessDisabled(ConnectionError error, DateTimeOffset now)
    {
        Move(ConnectionAction.Use, ApiAccessDisabled);
        RecordError(error, now);
        LastVerifiedAt = now;
    }

    /// <summary>A verification succeeded: clear the error and, after an API-access problem, go back to healthy.</summary>
    public void MarkVerified(DateTimeOffset now)
    {
        Move(ConnectionAction.Use, Status == ApiAccessDisabled ? HealthyStatus : Status);

        LastVerifiedAt = now;
        ClearError();
    }

    public void MarkNeedsReauthorization(ConnectionError error, DateTimeOffset now)
    {
        Move(ConnectionAction.Use, NeedsReauthorization);
        RecordError(error, now);
        RefreshFailureCount++;
    }

    public void Suspend(DateTimeOffset now, string? reason = null)
    {
        var before = Status;
        Move(ConnectionAction.Suspend, Suspended);
        StatusBeforeSuspension = before;
        SuspendedAt = now;
        SuspensionReason = string.IsNullOrWhiteSpace(reason) ? null : Guard.NotBlank(reason, "Reason", 2000);
    }

    public void Resume()
    {
        var resumeTo = StatusBeforeSuspension ?? HealthyStatus;
        Move(ConnectionAction.Resume, resumeTo);
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
        if (IsSuspended)
        {
            Ensure(ConnectionAction.Disconnect, nameof(Disconnected));
            StatusBeforeSuspension = Disconnected;
            Version++;
        }
        else
        {
            Move(ConnectionAction.Disconnect, Disconnected);
        }

        AccessTokenCiphertext = null;
        RefreshTokenCiphertext = null;
        AccessTokenIssuedAt = null;
        AccessTokenExpiresAt = null;
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

    /// <summary>The account's name, edition and API allowance as the provider describes them now; unknown ones stay as they were.</summary>
    public void RecordReadiness(AccountReadiness readiness, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        AccountName = Clip(readiness.AccountName, 256) ?? AccountName;
        AccountEdition = Clip(readiness.Edition, 128) ?? AccountEdition;
        (ApiRequestsMax, ApiRequestsRemaining) = readiness.ApiRequestsMax is null
            ? (ApiRequestsMax, ApiRequestsRemaining)
            : (readiness.ApiRequestsMax, readiness.ApiRequestsRemaining);
        ReadinessCheckedAt = now;
        Version++;
    }

    private static string? Clip(string? value, int length)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null
            : trimmed.Length > length ? trimmed[..length]
            : trimmed;
    }

    private static Refusal AlreadyDisconnected => new("already_disconnected", "This connection is already disconnected.");

    private ConnectionStatus HealthyStatus => IsConfigurationComplete ? Active : PendingConfiguration;

    private void ApplyAuthorization(
        SignInSite site,
        ProviderAccount account,
        string grantedScopes,
        Guid authorizedByUserId,
        string? authorizedByName,
        DateTimeOffset now
    )
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(site);
        var authorizedBy = Guard.NotEmpty(authorizedByUserId, "User id");
        Environment = site.Environment;
        SignInHost = site.Host;
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

    /// <summary>Why a connection that cannot be used refuses to be, in the words the API and the host app show.</summary>
    private Refusal NotUsable() =>
        Status switch
        {
            NeedsReauthorization => new("needs_reauthorization", LastErrorMessage ?? "This connection must be authorized again."),
            Suspended => new("connection_suspended", "This connection is suspended by Natero."),
            _ => new("connection_disconnected", "This connection is disconnected."),
        };

    private void Ensure(ConnectionAction action, string to)
    {
        if (RefusalTo(action) is not null)
        {
            throw new IllegalStatusTransitionException(nameof(ProviderConnection), Status.ToString(), to);
        }
    }

    private void Move(ConnectionAction action, ConnectionStatus to)
    {
        Ensure(action, to.ToString());
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
