using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Common.Telemetry;
using Natero.Connectors.Application.Connections.Revocations;
using Natero.Connectors.Application.Connections.Verification;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Connections.Commands.CompleteOAuth;

/// <summary>
/// The provider's redirect back to Natero. The attempt is claimed exactly once, by the same user in
/// the same browser, before anything is sent to the provider.
/// </summary>
[AuditAction("connection.callback", HandlerRecordsOutcome = true)]
public sealed record CompleteOAuthCommand(
    string Provider,
    string? State,
    string? Code,
    string? Error,
    string? ErrorDescription,
    string? BrowserBinding
) : ICommand<Result<OAuthCompletionDto>>
{
    public override string ToString() => $"CompleteOAuthCommand {{ Provider = {Provider}, Error = {Error} }}";
}

public sealed partial class CompleteOAuthCommandHandler(
    IApplicationDbContext db,
    IOAuthProviderRegistry providers,
    ISecretProtector protector,
    ITenantContext tenant,
    ICurrentUser user,
    IAuditTrail audit,
    IOptions<VerificationSchedule> schedule,
    IRevocationSignal revocations,
    TimeProvider time,
    ILogger<CompleteOAuthCommandHandler> logger
) : ICommandHandler<CompleteOAuthCommand, Result<OAuthCompletionDto>>
{
    public async ValueTask<Result<OAuthCompletionDto>> Handle(CompleteOAuthCommand command, CancellationToken cancellationToken)
    {
        using var span = NateroTelemetry.StartConnectionSpan("natero.connection.connect", tenantId: null, connectionId: null);
        var provider = providers.Find(command.Provider);
        if (provider is null || string.IsNullOrEmpty(command.State))
        {
            return await RefuseAsync(
                command,
                "The sign-in link is incomplete: it carries no state. Start again from Manage OAuth.",
                cancellationToken
            );
        }

        var claim = await ClaimAsync(command, OAuthSecrets.Hash(command.State), cancellationToken);
        if (!claim.IsSuccess)
        {
            return await RefuseAsync(command, claim.Error!.Message, cancellationToken);
        }

        var (attempt, tenantSlug, access) = claim.Value;
        span?.SetTag(TelemetryTags.TenantId, attempt.TenantId).SetTag(TelemetryTags.TenantSlug, tenantSlug);
        var granted = await AuthorizeAsync(command, provider, attempt, access, cancellationToken);

        // Two callbacks for one org at once (two tabs, two admins) would both find no connection and both
        // insert one: from the read of the connection to the commit, one attempt at a time per tenant and
        // provider. The lock is taken after the calls to the provider, so it is never held across them.
        await using var gate = granted.IsSuccess
            ? await db.BeginLockedAsync(ConnectGate(attempt.TenantId, attempt.Provider), cancellationToken)
            : null;
        var outcome = granted.IsSuccess ? await SaveConnectionAsync(provider, attempt, granted.Value, cancellationToken) : granted.Error;
        attempt.Finish(
            outcome.Connected ? AuthorizationOutcome.Connected
                : outcome.Denied ? AuthorizationOutcome.Denied
                : AuthorizationOutcome.Failed,
            outcome.Reason,
            outcome.ConnectionId,
            time.GetUtcNow()
        );
        var ended =
            outcome.Connected ? "connected"
            : outcome.Denied ? "denied"
            : "failed";
        span?.SetTag(TelemetryTags.ConnectionId, outcome.ConnectionId).SetTag(TelemetryTags.Status, outcome.Status?.ToString());
        NateroTelemetry.Authorized(attempt.Provider, ended, outcome.Connected ? null : ended);
        if (outcome.Revoke is { } letGo)
        {
            // A grant Natero no longer keeps (the one a reauthorization replaced, or a new one it refused) is revoked at
            // the provider by the revocation worker once this commits: queued in this transaction, so no crash forgets it,
            // and off the person's way.
            GrantRevocations.Queue(db, protector, time, attempt.TenantId, outcome.ConnectionId, attempt.Provider, attempt.Site, letGo);
        }

        audit.Record(
            outcome.Connected
                ? (outcome.Reauthorized ? "connection.reauthorized" : "connection.authorized")
                : "connection.authorization_failed",
            outcome.ConnectionId is { } id ? $"connection:{id}" : $"authorization:{attempt.Id}",
            outcome.Connected ? AuditOutcome.Success
                : outcome.Denied ? AuditOutcome.Denied
                : AuditOutcome.Failure,
            outcome.Reason,
            data: new Dictionary<string, string?>
            {
                ["provider"] = attempt.Provider,
                ["environment"] = attempt.Environment.ToString(),
                ["status"] = outcome.Status?.ToString(),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        if (gate is not null)
        {
            await gate.CommitAsync(cancellationToken);
        }

        if (outcome.Revoke is not null)
        {
            revocations.Signal();
        }

        return new OAuthCompletionDto(
            outcome.Connected,
            outcome.Message,
            attempt.ReturnUrl,
            tenantSlug,
            outcome.ConnectionId,
            outcome.Status
        );
    }

    /// <summary>The lock name for "connecting this provider in this tenant".</summary>
    private static string ConnectGate(Guid tenantId, string provider) => $"connect:{tenantId:N}:{provider}";

    /// <summary>
    /// Claims the attempt through the entity and saves the claim at once, so that only the first matching callback
    /// of the right user and browser wins (the attempt's version refuses the second save). Callbacks arrive outside
    /// any tenant URL: the claimed attempt says which tenant this is.
    /// </summary>
    private async Task<Result<Claimed>> ClaimAsync(CompleteOAuthCommand command, string stateHash, CancellationToken cancellationToken)
    {
        var key = ProviderKeys.Normalize(command.Provider);

        // The caller's membership of the attempt's tenant comes with the attempt, in the same query: what they may do
        // there is decided from it (TenantAccess.Of) once the claim is saved, without another round trip.
        var userId = user.UserId;
        var memberships = db.Memberships.IgnoreQueryFilters([TenantFilter.Name]);
        var found = await (
            from p in db.PendingAuthorizations.IgnoreQueryFilters([TenantFilter.Name])
            join t in db.Tenants on p.TenantId equals t.Id
            from m in memberships.Where(m => m.TenantId == p.TenantId && m.UserId == userId).DefaultIfEmpty()
            where p.StateHash == stateHash && p.Provider == key
            select new
            {
                Attempt = p,
                Tenant = new TenantRules(t.Id, t.Slug, t.Status, t.RequireSecondFactor),
                Membership = m,
            }
        ).SingleOrDefaultAsync(cancellationToken);
        if (found is not { Attempt: var attempt, Tenant: var rules })
        {
            return Error.Invalid(
                "oauth_callback_rejected",
                "This sign-in link is not one Natero started, or it was altered. Start again from Manage OAuth."
            );
        }

        var tenantSlug = rules.Slug;
        var now = time.GetUtcNow();
        var bindingHash = string.IsNullOrEmpty(command.BrowserBinding) ? null : OAuthSecrets.Hash(command.BrowserBinding);
        if (attempt.RefusalToClaim(user.UserId, bindingHash, now) is { } refusal)
        {
            return Error.Refused(refusal);
        }

        tenant.SetTenant(attempt.TenantId, tenantSlug);
        attempt.Claim(user.UserId!.Value, bindingHash!, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrentChangeException)
        {
            return Error.Refused(PendingAuthorization.AlreadyClaimed);
        }

        return new Claimed(attempt, tenantSlug, found.Membership is { } membership ? TenantAccess.Of(rules, membership, user) : null);
    }

    private async Task<Result<OAuthCompletionDto>> RefuseAsync(
        CompleteOAuthCommand command,
        string reason,
        CancellationToken cancellationToken
    )
    {
        LogRefused(logger, command.Provider, reason);
        audit.Record("connection.callback_rejected", $"provider:{command.Provider}", AuditOutcome.Denied, reason);
        await db.SaveChangesAsync(cancellationToken);
        return Error.Invalid("oauth_callback_rejected", reason);
    }

    /// <summary>The checks and the calls to the provider: what the provider granted, or why nothing was connected.</summary>
    private async Task<Granted> AuthorizeAsync(
        CompleteOAuthCommand command,
        IOAuthProvider provider,
        PendingAuthorization attempt,
        TenantAccess? current,
        CancellationToken cancellationToken
    )
    {
        var name = provider.Descriptor.DisplayName;
        if (current is null || !current.Has(Permissions.DataConnectors.Configure))
        {
            return ConnectOutcome.Failed(
                "You no longer hold the \"Configure data connectors\" permission in this tenant, so nothing was connected."
            );
        }

        if (current.TenantStatus == TenantStatus.Suspended)
        {
            return ConnectOutcome.Failed("This tenant is suspended. Contact Natero support.");
        }

        if (!string.IsNullOrEmpty(command.Error))
        {
            return ProviderErrors.Describe(provider, command.Error, command.ErrorDescription);
        }

        var verifier = protector.Unprotect(attempt.ProtectedCodeVerifier, SecretBinding.CodeVerifier(attempt.TenantId, attempt.Id));
        if (string.IsNullOrEmpty(command.Code) || verifier is null)
        {
            return ConnectOutcome.Failed($"{name} sent Natero back without an authorization code. Try again.");
        }

        var grant = await provider.ExchangeCodeAsync(new Uri(attempt.LoginUrl), command.Code, verifier, cancellationToken);
        if (!grant.IsSuccess)
        {
            return ConnectOutcome.Failed(grant.Error!.Message);
        }

        var account = await provider.DescribeAccountAsync(grant.Value, cancellationToken);
        if (!account.IsSuccess)
        {
            return ConnectOutcome.Failed(account.Error!.Message);
        }

        var apiAccess = await provider.CheckApiAccessAsync(grant.Value.InstanceUrl, grant.Value.AccessToken, cancellationToken);
        var readiness =
            apiAccess.Outcome == ApiAccessOutcome.Enabled
                ? await provider.DescribeReadinessAsync(grant.Value.InstanceUrl, grant.Value.AccessToken, cancellationToken)
                : AccountReadiness.Unknown;
        return new Grant(grant.Value, account.Value, apiAccess, readiness);
    }

    private async Task<ConnectOutcome> SaveConnectionAsync(
        IOAuthProvider provider,
        PendingAuthorization attempt,
        Grant granted,
        CancellationToken cancellationToken
    )
    {
        var (grant, account, apiAccess, readiness) = granted;
        var now = time.GetUtcNow();
        var descriptor = provider.Descriptor;
        var newGrant = new GrantTokens(grant.AccessToken, grant.RefreshToken);
        var connection = await db.ProviderConnections.SingleOrDefaultAsync(
            c => c.Provider == attempt.Provider && c.ExternalOrgId == account.ExternalOrgId,
            cancellationToken
        );
        var reauthorized = connection is not null;
        if (connection?.RefusalTo(ConnectionAction.Reauthorize) is { } refusal)
        {
            return ConnectOutcome.Failed(refusal.Message) with { Revoke = newGrant };
        }

        if (connection is not null && apiAccess.Outcome == ApiAccessOutcome.Disabled && connection.IsWorking)
        {
            // A reauthorization never downgrades a working connection: the stored grant stays, the new one goes.
            var kept =
                $"{descriptor.DisplayName} authorized {account.Username}, but that grant cannot use the API: {apiAccess.Error!.Message} "
                + $"Natero kept the {descriptor.AccountNoun}'s connection as it was, on the grant that still works, "
                + "and revoked the new one. Authorize again as a user who has API access to replace the grant.";
            return ConnectOutcome.Failed(kept) with { ConnectionId = connection.Id, Status = connection.Status, Revoke = newGrant };
        }

        var replaced = connection is null ? null : StoredGrant.Of(connection, protector);
        if (connection is null)
        {
            connection = ProviderConnection.Authorize(
                Ids.New(time),
                attempt.TenantId,
                attempt.Provider,
                attempt.Site,
                account,
                grant.Scopes,
                user.UserId!.Value,
                user.Email,
                now
            );
            db.ProviderConnections.Add(connection);
        }
        else
        {
            connection.Reauthorize(attempt.Site, account, grant.Scopes, user.UserId!.Value, user.Email, now);
        }

        connection.StoreTokens(
            new ProtectedTokens(
                protector.Protect(grant.AccessToken, SecretBinding.AccessToken(connection.TenantId, connection.Id)),
                grant.RefreshToken is null
                    ? null
                    : protector.Protect(grant.RefreshToken, SecretBinding.RefreshToken(connection.TenantId, connection.Id)),
                now,
                grant.ExpiresAt
            )
        );
        connection.RecordReadiness(readiness, now);

        var message =
            $"Connected {descriptor.DisplayName} {descriptor.AccountNoun} {account.ExternalOrgId} "
            + $"as {account.Username}. Natero will complete the configuration.";
        switch (apiAccess.Outcome)
        {
            case ApiAccessOutcome.Disabled:
                connection.MarkApiAccessDisabled(apiAccess.Error!, now);
                message = $"Authorized {account.Username}, but {apiAccess.Error!.Message}";
                break;
            case ApiAccessOutcome.Unknown or ApiAccessOutcome.TokenRejected:
                connection.RecordError(apiAccess.Error!, now);
                break;
            default:
                connection.MarkVerified(now);
                break;
        }

        var plan = schedule.Value;
        connection.ScheduleVerification(
            now,
            plan.VerifyEvery,
            failed: apiAccess.Outcome != ApiAccessOutcome.Enabled,
            plan.FirstRetry,
            plan.MaxRetry
        );

        // The grant this one replaces is revoked, once committed: left alive, it would count against the provider's
        // limit of grants per user and app, and a copy of it would still work.
        var revoke = replaced is not null && replaced.RefreshToken != grant.RefreshToken ? replaced : null;
        return new ConnectOutcome(true, false, reauthorized, message, null, connection.Id, connection.Status) { Revoke = revoke };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an OAuth callback for {Provider}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string provider, string reason);
}

/// <summary>The attempt this callback claimed, its tenant, and what the caller may do there (null: not a member).</summary>
internal sealed record Claimed(PendingAuthorization Attempt, string TenantSlug, TenantAccess? Access);

/// <summary>What the provider granted and said about the account: enough to save the connection.</summary>
internal sealed record Grant(TokenGrant Token, ProviderAccount Account, ApiAccessCheck ApiAccess, AccountReadiness Readiness);

/// <summary>A grant, or the outcome that ended the attempt before one.</summary>
internal readonly record struct Granted(Grant? Value, ConnectOutcome? Error)
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Value is not null;

    public static implicit operator Granted(Grant value) => new(value, null);

    public static implicit operator Granted(ConnectOutcome error) => new(null, error);
}

internal sealed record ConnectOutcome(
    bool Connected,
    bool Denied,
    bool Reauthorized,
    string Message,
    string? Reason,
    Guid? ConnectionId,
    ConnectionStatus? Status
)
{
    /// <summary>A grant to revoke once the outcome is committed: the one replaced, or a new one Natero did not keep.</summary>
    public GrantTokens? Revoke { get; init; }

    public static ConnectOutcome Failed(string message) => new(false, false, false, message, message, null, null);

    public static ConnectOutcome Refused(string message) => new(false, true, false, message, message, null, null);
}
