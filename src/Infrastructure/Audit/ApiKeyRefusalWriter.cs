using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.ApiKeys.Authentication;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Infrastructure.Hosting;

namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>
/// Writes what <see cref="ApiKeyRefusals"/> counted as <c>api_key.refused</c> events: a window's first
/// refusal as soon as it opens, the rest of its count when it closes, and every count on shutdown. It
/// writes through a scope of its own, outside any request, so the actor is "system" and the client's
/// address is in the event's data. A refused key the app knows is recorded in its tenant's chain.
/// </summary>
public sealed partial class ApiKeyRefusalWriter(
    ApiKeyRefusals refusals,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<ApiKeyRefusalWriter> logger
) : FlushedOnStopService
{
    public const string Action = "api_key.refused";

    // Never disposed: a stop may still be flushing while the host disposes this service (a test server torn down
    // from two places), and a SemaphoreSlim whose wait handle is never asked for holds nothing to release.
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Writes every count now, closing every window; after it returns, all counted so far is in the trail.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => WriteDueAsync(closeAll: true, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var untilClose = refusals.NextClose is { } close ? close - time.GetUtcNow() : ApiKeyRefusals.Window;
            using (var wait = new CancellationTokenSource(Clamp(untilClose), time))
            using (var either = CancellationTokenSource.CreateLinkedTokenSource(wait.Token, stoppingToken))
            {
                try
                {
                    await refusals.WhenWindowOpensAsync(either.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // A window closes: its count is due.
                }
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                await WriteDueAsync(closeAll: false, stoppingToken);
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero
        : wait > ApiKeyRefusals.Window ? ApiKeyRefusals.Window
        : wait;

    private async Task WriteDueAsync(bool closeAll, CancellationToken cancellationToken)
    {
        // One writer at a time, so that a flush returns only once what an earlier round took is written too.
        await _writing.WaitAsync(cancellationToken);
        IReadOnlyList<ApiKeyRefusalReport> due = [];
        try
        {
            if (Disposed)
            {
                return;
            }

            due = refusals.TakeDue(closeAll);
            if (due.Count == 0)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            foreach (var report in due)
            {
                var target = report.KeyId is { } id ? $"api_key:{id}" : null;
                audit.Record(Action, target, AuditOutcome.Denied, report.Reason, report.TenantId, Data(report));
            }

            await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The requests were refused all the same; the log says how many refusals went unrecorded.
            LogWriteFailed(logger, ex, due.Sum(r => r.Count));
        }
        finally
        {
            _writing.Release();
        }
    }

    private static Dictionary<string, string?> Data(ApiKeyRefusalReport report) =>
        new(StringComparer.Ordinal)
        {
            ["prefix"] = report.Prefix,
            ["client_address"] = report.Address,
            ["count"] = report.Count.ToString(CultureInfo.InvariantCulture),
            ["window_started_at"] = report.WindowStart.ToString("O", CultureInfo.InvariantCulture),
        };

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record {Refusals} refused API keys in the audit trail")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int refusals);
}
