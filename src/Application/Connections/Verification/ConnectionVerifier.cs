using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Telemetry;
using Natero.Connectors.Application.Connections.AccessTokens;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Verification;

internal sealed class ConnectionVerifier(
    IServiceScopeFactory scopes,
    IConnectionAccessTokens tokens,
    Microsoft.Extensions.Options.IOptions<VerificationSchedule> schedule,
    TimeProvider time
) : IConnectionVerifier
{
    public async Task<Result<VerificationOutcome>> VerifyAsync(Guid tenantId, Guid connectionId, CancellationToken cancellationToken)
    {
        using var span = NateroTelemetry.StartConnectionSpan("natero.connection.verify", tenantId, connectionId);
        var token = await tokens.GetAsync(tenantId, connectionId, cancellationToken);
        ApiAccessCheck check;
        var readiness = AccountReadiness.Unknown;
        if (!token.IsSuccess)
        {
            if (token.Error!.Kind == ErrorKind.NotFound)
            {
                return token.Error;
            }

            check = new ApiAccessCheck(ApiAccessOutcome.Unknown, new ConnectionError(token.Error.Code, token.Error.Message));
        }
        else
        {
            (check, readiness) = await CheckAsync(tenantId, connectionId, token.Value, cancellationToken);
        }

        return await ApplyAsync(tenantId, connectionId, check, readiness, cancellationToken);
    }

    /// <summary>
    /// One refresh and one more try when the provider refuses the token; never a loop. With API access confirmed, the
    /// account's name, edition and API allowance are read with the same token.
    /// </summary>
    private async Task<(ApiAccessCheck Check, AccountReadiness Readiness)> CheckAsync(
        Guid tenantId,
        Guid connectionId,
        ConnectionAccessToken token,
        CancellationToken cancellationToken
    )
    {
        var provider = await ProviderOfAsync(tenantId, connectionId, cancellationToken);
        var check = await provider.CheckApiAccessAsync(token.InstanceUrl, token.AccessToken, cancellationToken);
        if (check.Outcome != ApiAccessOutcome.TokenRejected)
        {
            return (check, await ReadinessAsync(provider, check, token, cancellationToken));
        }

        var refreshed = await tokens.RefreshAfterRejectionAsync(tenantId, connectionId, token.AccessToken, cancellationToken);
        if (!refreshed.IsSuccess)
        {
            var failed = new ApiAccessCheck(ApiAccessOutcome.Unknown, new ConnectionError(refreshed.Error!.Code, refreshed.Error.Message));
            return (failed, AccountReadiness.Unknown);
        }

        check = await provider.CheckApiAccessAsync(refreshed.Value.InstanceUrl, refreshed.Value.AccessToken, cancellationToken);
        if (check.Outcome == ApiAccessOutcome.TokenRejected)
        {
            var twice = new ConnectionError(
                "token_rejected_twice",
                $"{provider.Descriptor.DisplayName} refused a freshly refreshed token; Natero will try again later."
            );
            return (new ApiAccessCheck(ApiAccessOutcome.Unknown, twice), AccountReadiness.Unknown);
        }

        return (check, await ReadinessAsync(provider, check, refreshed.Value, cancellationToken));
    }

    private static async Task<AccountReadiness> ReadinessAsync(
        IOAuthProvider provider,
        ApiAccessCheck check,
        ConnectionAccessToken token,
        CancellationToken cancellationToken
    ) =>
        check.Outcome == ApiAccessOutcome.Enabled
            ? await provider.DescribeReadinessAsync(token.InstanceUrl, token.AccessToken, cancellationToken)
            : AccountReadiness.Unknown;

    private async Task<IOAuthProvider> ProviderOfAsync(Guid tenantId, Guid connectionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenantId, string.Empty);
        var key = await scope
            .ServiceProvider.GetRequiredService<IApplicationDbContext>()
            .ProviderConnections.Where(c => c.Id == connectionId)
            .Select(c => c.Provider)
            .SingleAsync(cancellationToken);
        return scope.ServiceProvider.GetRequiredService<IOAuthProviderRegistry>().Find(key)
            ?? throw new InvalidOperationException($"No provider {key}.");
    }

    private async Task<Result<VerificationOutcome>> ApplyAsync(
        Guid tenantId,
        Guid connectionId,
        ApiAccessCheck check,
        AccountReadiness readiness,
        CancellationToken cancellationToken
    )
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<ITenantContext>().SetTenant(tenantId, string.Empty);
        var db = services.GetRequiredService<IApplicationDbContext>();
        var connection = await db.ProviderConnections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return Error.NotFound("Connection");
        }

        var now = time.GetUtcNow();
        var before = connection.Status;
        var plan = schedule.Value;
        var usable = connection.RefusalTo(ConnectionAction.Use) is null;
        switch (check.Outcome)
        {
            case ApiAccessOutcome.Enabled when usable:
                connection.MarkVerified(now);
                connection.RecordReadiness(readiness, now);
                break;
            case ApiAccessOutcome.Disabled when usable:
                connection.MarkApiAccessDisabled(check.Error!, now);
                break;
            default:
                if (usable)
                {
                    connection.RecordError(check.Error ?? new ConnectionError("verification_failed", "The check did not complete."), now);
                }

                break;
        }

        var healthy = check.Outcome == ApiAccessOutcome.Enabled && usable;
        NateroTelemetry.Verified(connection.Provider, TelemetryWords.Of(check.Outcome), healthy ? null : check.Error?.Code ?? "unusable");
        connection.ScheduleVerification(now, plan.VerifyEvery, failed: !healthy, plan.FirstRetry, plan.MaxRetry);
        if (connection.Status != before)
        {
            services
                .GetRequiredService<IAuditTrail>()
                .Record(
                    "connection.status_changed",
                    $"connection:{connectionId}",
                    AuditOutcome.Success,
                    $"{before} -> {connection.Status}",
                    tenantId,
                    new Dictionary<string, string?> { ["from"] = before.ToString(), ["to"] = connection.Status.ToString() }
                );
        }

        db.ConnectionVerifications.Add(ConnectionVerification.Record(Ids.New(now), connection, healthy, now));
        await db.SaveChangesAsync(cancellationToken);
        var message = healthy
            ? "Verified: the connection works and API access is enabled." + AllowanceWarning(connection)
            : connection.LastErrorMessage ?? "The connection could not be verified.";
        return new VerificationOutcome(connection.Status, healthy, message);
    }

    private static string AllowanceWarning(ProviderConnection connection) =>
        connection.ApiAllowanceLow
            ? $" Only {connection.ApiRequestsRemaining:N0} of its {connection.ApiRequestsMax:N0} daily API requests are left."
            : string.Empty;
}
