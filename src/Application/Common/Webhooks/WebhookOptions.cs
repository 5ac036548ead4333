namespace Natero.Connectors.Application.Common.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section (DESIGN section 15).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Lets http://127.0.0.1 and other loopback endpoints through: for tests and the offline demo only.</summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>How long a delivery is retried, and how long an endpoint may fail throughout before it is disabled.</summary>
    public TimeSpan MaxAttemptsWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long one attempt may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How much of a receiver's answer is read (and kept as an excerpt); the rest is never read.</summary>
    public int MaxResponseBytes { get; set; } = 4096;

    /// <summary>How long a rotated-out secret keeps signing alongside the new one.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the delivery worker looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Off in tests that drive the worker by hand.</summary>
    public bool WorkerEnabled { get; set; } = true;
}
