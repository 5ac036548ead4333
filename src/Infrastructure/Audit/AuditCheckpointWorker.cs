using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Audit.Checkpoints;
using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>
/// Every <c>Audit:CheckpointInterval</c>, signs the head of each chain that changed. Every instance runs it; the round's
/// claim (<see cref="AuditCheckpointer.RoundKey"/>) lets one of them make it. With no signing key it says so once and stops.
/// </summary>
public sealed partial class AuditCheckpointWorker(
    IServiceScopeFactory scopes,
    IAuditCheckpointSigner signer,
    IOptions<AuditCheckpointOptions> options,
    TimeProvider time,
    ILogger<AuditCheckpointWorker> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (signer.Key is not { } key)
        {
            LogOff(logger);
            return;
        }

        LogOn(logger, key.KeyId, options.Value.CheckpointInterval);
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }
        }
    }

    /// <summary>One round: the checkpoints made, or null when another instance made this round.</summary>
    public async Task<IReadOnlyList<AuditCheckpointDto>?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var now = time.GetUtcNow();
        var made = await AuditCheckpointer.MakeAsync(
            db,
            signer,
            now,
            AuditCheckpointer.RoundKey(now, options.Value.CheckpointInterval),
            cancellationToken
        );
        if (made is { Count: > 0 })
        {
            LogMade(logger, made.Count);
        }

        return made?.Select(AuditCheckpointer.ToDto).ToList();
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Audit checkpoints are off: Audit:CheckpointSigningKeyPath is not set. Customers get no signed checkpoints "
            + "to hold the audit trail to; set it to a PEM ECDSA P-256 private key to turn them on."
    )]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoints are signed with key {KeyId} every {Interval}.")]
    private static partial void LogOn(ILogger logger, string keyId, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed {Count} audit checkpoints.")]
    private static partial void LogMade(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "An audit checkpoint round failed; the next round will try again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
