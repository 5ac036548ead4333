using System.Security.Cryptography;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>
/// When a failed delivery is tried again: soon at first, then further apart (5 s, 5 min, 30 min, 2 h, 5 h, then every
/// 10 h), each delay moved by up to a fifth either way so one outage's deliveries do not all return together. Within
/// the three-day window that makes about ten attempts.
/// </summary>
internal static class WebhookRetrySchedule
{
    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
    ];

    /// <summary>The delay after the <paramref name="attempts"/>th failed attempt (1 after the first).</summary>
    public static TimeSpan After(int attempts)
    {
        var delay = Delays[Math.Clamp(attempts - 1, 0, Delays.Length - 1)];
        var jitter = delay.Ticks / 5 * (RandomNumberGenerator.GetInt32(2001) - 1000) / 1000;
        return TimeSpan.FromTicks(delay.Ticks + jitter);
    }
}
