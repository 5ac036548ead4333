namespace Natero.Connectors.Web.Api;

public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
