using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Notifications;

namespace Natero.Connectors.Infrastructure.Notifications;

/// <summary>
/// Sends the platform staff's daily digest once <c>Notifications:DigestHourUtc</c> has come each day (UTC), from
/// every instance's point of view: the day is claimed in the database, so one instance sends it and the others find
/// it done. An instance that starts after the hour sends the day's digest then, unless another already did.
/// </summary>
public sealed partial class DailyDigestWorker(
    IServiceScopeFactory scopes,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<DailyDigestWorker> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Sends today's digest when its hour has come and nobody sent it yet; returns how many emails were queued
    /// (0 before the hour, when the day was done already, or when nothing is broken).
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow().Hour < options.Value.DigestHourUtc)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<DailyDigest>().SendAsync(cancellationToken);
        if (queued is { } count)
        {
            LogSent(logger, count);
        }

        return queued ?? 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest of broken connections: {Count} emails queued")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily digest round failed; the next round will try again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
