namespace Natero.Connectors.Application.Connections.Verification;

/// <summary>How often connections are verified, and how the monitor backs off from failing ones (<c>Monitor:*</c>).</summary>
public sealed class VerificationSchedule
{
    public const string Section = "Monitor";

    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan VerifyEvery { get; set; } = TimeSpan.FromHours(6);
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromHours(6);
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);
    public int BatchSize { get; set; } = 20;
}
