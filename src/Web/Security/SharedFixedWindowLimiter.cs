using System.Threading.RateLimiting;
using Natero.Connectors.Infrastructure.Redis;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// A fixed window of requests counted in Redis, so that every instance draws on one budget, and counted by this
/// instance alone while Redis cannot be reached: a limit never stops biting, and Redis failing never fails a
/// request. A refusal carries <see cref="MetadataName.RetryAfter"/> either way.
/// </summary>
internal sealed class SharedFixedWindowLimiter(RedisConnection redis, string key, FixedWindowRateLimiterOptions options) : RateLimiter
{
    private readonly FixedWindowRateLimiter _local = new(options);
    private RedisFixedWindowRateLimiter<string>? _shared;

    // Evicted (and made again on the next request) only once its local window stands unused.
    public override TimeSpan? IdleDuration => _local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    // Counting in Redis takes a round trip: a request that may count there is sent on to AcquireAsync.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        redis.Available is null ? _local.AttemptAcquire(permitCount) : SharedLease.NotTried;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (redis.Available is { } connection)
        {
            try
            {
                using var lease = await Shared(connection).AcquireAsync(permitCount, cancellationToken);
                if (lease.IsAcquired)
                {
                    return SharedLease.Granted;
                }

                var wait = lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var seconds)
                    ? TimeSpan.FromSeconds(seconds)
                    : options.Window;
                return new SharedLease(false, wait);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                redis.NoteFailure(exception);
            }
        }

        return await _local.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
            _shared?.Dispose();
        }

        base.Dispose(disposing);
    }

    private RedisFixedWindowRateLimiter<string> Shared(IConnectionMultiplexer connection) =>
        _shared ??= new RedisFixedWindowRateLimiter<string>(
            key,
            new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => connection,
                PermitLimit = options.PermitLimit,
                Window = options.Window,
            }
        );

    private sealed class SharedLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly SharedLease Granted = new(true, null);

        public static readonly SharedLease NotTried = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
