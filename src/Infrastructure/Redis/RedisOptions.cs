namespace Natero.Connectors.Infrastructure.Redis;

/// <summary>
/// <c>Redis:Configuration</c>: a StackExchange.Redis configuration string; none, and every instance keeps its
/// own rate-limit windows and hears of revocations only through its cache expiring. <c>Redis:KeyPrefix</c>
/// (default <c>natero:</c>) starts every key and channel name, so that several deployments may share one server.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    public string? Configuration { get; set; }

    public string KeyPrefix { get; set; } = "natero:";
}
