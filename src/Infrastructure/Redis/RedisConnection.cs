using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Natero.Connectors.Infrastructure.Redis;

/// <summary>
/// The one connection to Redis an instance keeps, made when the app starts, or none without <c>Redis:Configuration</c>.
/// It never stops the app from starting nor a request from being answered: while Redis cannot be reached,
/// <see cref="Available"/> is false and callers fall back to what this instance knows alone. An outage is
/// logged once when it begins and once when it ends, not per request.
/// </summary>
public sealed partial class RedisConnection(IOptions<RedisOptions> options, TimeProvider time, ILogger<RedisConnection> logger)
    : IHostedService,
        IAsyncDisposable
{
    // A limit check waits on Redis for at most this long before this instance counts alone.
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(1);

    // After a command failed on a connection that looked up (a server that hangs), requests leave Redis alone this
    // long rather than each waiting for it.
    private static readonly TimeSpan RestAfterFailure = TimeSpan.FromSeconds(5);

    private ConnectionMultiplexer? _multiplexer;
    private int _down;
    private long _retryAtTicks;

    /// <summary>Raised when the connection comes back after an outage.</summary>
    public event Action? Restored;

    public string KeyPrefix => options.Value.KeyPrefix;

    /// <summary>The connection when Redis is configured, reachable or not (subscriptions made on it come back with it).</summary>
    public IConnectionMultiplexer? Connection => _multiplexer;

    /// <summary>The connection, when Redis is configured and reachable now; else null.</summary>
    public IConnectionMultiplexer? Available
    {
        get
        {
            if (_multiplexer is not { IsConnected: true } connected)
            {
                return NoteDown();
            }

            if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _retryAtTicks))
            {
                return null;
            }

            NoteUp();
            return connected;
        }
    }

    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Configuration);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Configured)
        {
            return;
        }

        var configuration = ConfigurationOptions.Parse(options.Value.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)Math.Min(configuration.ConnectTimeout, LongestWait.TotalMilliseconds * 2);
        configuration.SyncTimeout = (int)Math.Min(configuration.SyncTimeout, LongestWait.TotalMilliseconds);
        configuration.AsyncTimeout = (int)Math.Min(configuration.AsyncTimeout, LongestWait.TotalMilliseconds);
        configuration.ConnectRetry = 1;

        // With AbortOnConnectFail off this returns once the first attempt ends, connected or not, and keeps trying.
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        multiplexer.ConnectionFailed += (_, e) => NoteDown(e.FailureType.ToString());
        multiplexer.ConnectionRestored += (_, _) =>
        {
            if (time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _retryAtTicks))
            {
                NoteUp();
            }
        };
        _multiplexer = multiplexer;
        if (multiplexer.IsConnected)
        {
            LogConnected(logger);
        }
        else
        {
            NoteDown();
        }
    }

    /// <summary>A command failed although the connection looked up: the outage starts now.</summary>
    public void NoteFailure(Exception exception)
    {
        Interlocked.Exchange(ref _retryAtTicks, (time.GetUtcNow() + RestAfterFailure).UtcTicks);
        NoteDown(exception.GetType().Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { } multiplexer)
        {
            await multiplexer.CloseAsync(allowCommandsToComplete: false);
            await multiplexer.DisposeAsync();
        }
    }

    private IConnectionMultiplexer? NoteDown(string reason = "not connected")
    {
        if (Configured && Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogDown(logger, reason);
        }

        return null;
    }

    private void NoteUp()
    {
        if (_multiplexer is { IsConnected: true } && Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogUp(logger);
            Restored?.Invoke();
        }
    }

    [LoggerMessage(
        EventId = 9401,
        Level = LogLevel.Information,
        Message = "Connected to Redis: rate limits and key revocations are shared."
    )]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(
        EventId = 9402,
        Level = LogLevel.Warning,
        Message = "Redis cannot be reached ({Reason}): rate limits count per instance and revocations reach other instances "
            + "within ApiKeys:CacheDuration until it is back."
    )]
    private static partial void LogDown(ILogger logger, string reason);

    [LoggerMessage(
        EventId = 9403,
        Level = LogLevel.Information,
        Message = "Redis is back: rate limits and key revocations are shared again."
    )]
    private static partial void LogUp(ILogger logger);
}
