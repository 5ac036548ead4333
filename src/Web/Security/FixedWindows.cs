using System.Threading.RateLimiting;
using Natero.Connectors.Infrastructure.Redis;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// The fixed windows the API and sign-in limits count in: shared by every instance through Redis when
/// <c>Redis:Configuration</c> is set (keys <c>rl:fw:{natero:rl:PARTITION}</c>: a key id, a tenant id or an address, never
/// a secret), else this instance's own, exactly as without Redis.
/// </summary>
internal static class FixedWindows
{
    public static RateLimitPartition<string> For(HttpContext context, string partition, int permitLimit, TimeSpan window)
    {
        var options = new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
        };
        var redis = context.RequestServices.GetRequiredService<RedisConnection>();
        return redis.Configured
            ? RateLimitPartition.Get(partition, key => new SharedFixedWindowLimiter(redis, $"{redis.KeyPrefix}rl:{key}", options))
            : RateLimitPartition.GetFixedWindowLimiter(partition, _ => options);
    }
}
