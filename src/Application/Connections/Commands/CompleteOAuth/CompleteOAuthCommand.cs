using System.Security.Cryptography;
using System.Text;
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
    IConnectionLock locks,
    ITenantContext tenant,
    ICurrentTenantAccess access,
    ICurrentUser user,
    IAuditTrail audit,
    IOptions<VerificationSchedule> schedule,
    TimeProvider time,
    ILogger<CompleteOAuthCommandHandler> logger
) : ICommandHandler<CompleteOAuthCommand, Result<OAuthCompletionDto>>
{
    public async ValueTask<Result<OAuthCompletionDto>> Handle(CompleteOAuthCommand command, CancellationToken cancellationToken)
    {
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

        var (attempt, tenantSlug) = claim.Value;

        // Two callbacks for one org at once (two tabs, two admins) would both find no connection and both
        // insert one: connect one attempt at a time per tenant and provider, up to the commit below.
        await using var gate = await locks.AcquireAsync(ConnectGateId(attempt.TenantId, attempt.Provider), cancellationToken);
        var outcome = await ConnectAsync(command, provider, attempt, cancellationToken);
        attempt.Finish(
            outcome.Connected ? AuthorizationOutcome.Connected
                : outcome.Denied ? AuthorizationOutcome.Denied
                : AuthorizationOutcome.Failed,
            outcome.Reason,
            outcome.ConnectionId,
            time.GetUtcNow()
        );
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
        return new OAuthCompletionDto(
            outcome.Connected,
            outcome.Message,
            attempt.ReturnUrl,
            tenantSlug,
            outcome.ConnectionId,
            outcome.Status
        );
    }

    /// <summary>A lock id for "connecting this provider in this tenant", apart from every connection's own id.</summary>
    private static Guid ConnectGateId(Guid tenantId, string provider) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"connect|{tenantId:N}|{provider}")).AsSpan(0, 16));

    /// <summary>
    /// Claims the attempt through the entity and saves the claim at once, so that only the first matching callback
    /// of the right user and browser wins (the attempt's version refuses the second save). Callbacks arrive outside
    /// any tenant URL: the claimed attempt says which tenant this is.
    /// </summary>
    private async Task<Result<(PendingAuthorization Attempt, string TenantSlug)>> ClaimAsync(
        CompleteOAuthCommand command,
        string stateHash,
        CancellationToken cancellationToken
    )
    {
        var key = ProviderKeys.Normalize(command.Provider);
        var attempt = await db
            .PendingAuthorizations.IgnoreQueryFilters([TenantFilter.Name])
            .SingleOrDefaultAsync(p => p.StateHash == stateHash && p.Provider == key, cancellationToken);
        if (attempt is null)
        {
            return Error.Invalid(
                "oauth_callback_rejected",
                "This sign-in link is not one Natero started, or it was altered. Start again from Manage OAuth."
            );
        }

        var now = time.GetUtcNow();
        var bindingHash = string.IsNullOrEmpty(command.BrowserBinding) ? null : OAuthSecrets.Hash(command.BrowserBinding);
        if (attempt.RefusalToClaim(user.UserId, bindingHash, now) is { } refusal)
        {
            return Error.Refused(refusal);
        }

        var tenantSlug = await db.Tenants.Where(t => t.Id == attempt.TenantId).Select(t => t.Slug).SingleAsync(cancellationToken);
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

        return (attempt, tenantSlug);
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

    private async Task<ConnectOutcome> ConnectAsync(
        CompleteOAuthCommand command,
        IOAuthProvider provider,
        PendingAuthorization attempt,
        CancellationToken cancellationToken
    )
    {
        var name = provider.Descriptor.DisplayName;
        if (await access.GetAsync(cancellationToken) is not { } current || !current.Has(Permissions.DataConnectors.Configure))
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
            return ProviderErrors.Describe(name, command.Error, command.ErrorDescription);
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
        return await SaveConnectionAsync(provider, attempt, grant.Value, account.Value, apiAccess, cancellationToken);
    }

    private async Task<ConnectOutcome> SaveConnectionAsync(
        IOAuthProvider provider,
        PendingAuthorization attempt,
        TokenGrant grant,
        ProviderAccount account,
        ApiAccessCheck apiAccess,
        CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow();
        var connection = await db.ProviderConnections.SingleOrDefaultAsync(
            c => c.Provider == attempt.Provider && c.ExternalOrgId == account.ExternalOrgId,
            cancellationToken
        );
        var reauthorized = connection is not null;
        if (connection?.RefusalTo(ConnectionAction.Reauthorize) is { } refusal)
        {
            return ConnectOutcome.Failed(refusal.Message);
        }

        if (connection is null)
        {
            connection = ProviderConnection.Authorize(
                Ids.New(time),
                attempt.TenantId,
                attempt.Provider,
                attempt.Environment,
                attempt.MyDomainHost,
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
            connection.Reauthorize(attempt.Environment, attempt.MyDomainHost, account, grant.Scopes, user.UserId!.Value, user.Email, now);
        }

        connection.StoreTokens(
            new ProtectedTokens(
                protector.Protect(grant.AccessToken, SecretBinding.AccessToken(connection.TenantId, connection.Id)),
                grant.RefreshToken is null
                    ? null
                    : protector.Protect(grant.RefreshToken, SecretBinding.RefreshToken(connection.TenantId, connection.Id)),
                now
            )
        );

        var message =
            $"Connected {provider.Descriptor.DisplayName} org {account.ExternalOrgId} "
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

        return new ConnectOutcome(true, false, reauthorized, message, null, connection.Id, connection.Status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an OAuth callback for {Provider}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string provider, string reason);
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
    public static ConnectOutcome Failed(string message) => new(false, false, false, message, message, null, null);

    public static ConnectOutcome Refused(string message) => new(false, true, false, message, message, null, null);
}
