namespace Natero.Connectors.Web.Api;

/// <summary>
/// <c>RateLimits:PerKey</c>, <c>RateLimits:PerTenant</c> (every key of a tenant together) and
/// <c>RateLimits:PerAddress</c> (requests without a valid key): a fixed window of so many requests.
/// </summary>
public sealed class ApiRateLimits
{
    public const string Section = "RateLimits";

    public RateLimitWindow PerKey { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    public RateLimitWindow PerTenant { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    public RateLimitWindow PerAddress { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };
}
