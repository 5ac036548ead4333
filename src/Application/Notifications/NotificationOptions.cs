namespace Natero.Connectors.Application.Notifications;

/// <summary>The <c>Notifications:*</c> keys: when the platform's daily digest goes out.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The hour (UTC, 0 to 23) from which the day's digest is sent; an instance that starts later sends it then.</summary>
    public int DigestHourUtc { get; set; } = 7;

    /// <summary>Off in tests that run the digest by hand, and in an instance that should leave it to the others.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the digest worker looks whether the day's digest is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
}
