namespace Natero.Connectors.Application.Connections.Revocations;

/// <summary>The <c>Revocations</c> configuration section: the worker that revokes grants Natero no longer keeps.</summary>
public sealed class RevocationOptions
{
    public const string SectionName = "Revocations";

    /// <summary>Off, an instance only queues revocations and leaves them to the others (and tests drive the worker by hand).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for revocations that are due; a grant let go here wakes it at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an instance holds a revocation it is attempting, before another may try it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);
}
