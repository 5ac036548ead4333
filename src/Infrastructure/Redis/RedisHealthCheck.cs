using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Natero.Connectors.Infrastructure.Redis;

/// <summary>Redis away is degraded, not unhealthy: every instance still limits and authenticates on its own.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !redis.Configured ? HealthCheckResult.Healthy("Not configured: rate limits are per instance.")
            : redis.Available is not null ? HealthCheckResult.Healthy("Connected.")
            : HealthCheckResult.Degraded("Cannot be reached: rate limits are per instance until it is back.")
        );
}
