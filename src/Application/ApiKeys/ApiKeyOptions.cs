namespace Natero.Connectors.Application.ApiKeys;

/// <summary><c>ApiKeys:MaxLifetimeDays</c> (default 365) and <c>ApiKeys:CacheDuration</c> (default 30 s).</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";

    /// <summary>Every key expires; this is the longest it may live.</summary>
    public int MaxLifetimeDays { get; set; } = 365;

    /// <summary>How long an instance keeps a key it looked up: a revocation reaches other instances within this.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
