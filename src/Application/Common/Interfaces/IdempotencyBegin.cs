namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>What became of an <c>Idempotency-Key</c>: a new request to run, or the first answer to replay.</summary>
public abstract record IdempotencyBegin
{
    private IdempotencyBegin() { }

    /// <summary>The first request with this key: run it, then complete or abandon the record.</summary>
    public sealed record Started(Guid RecordId) : IdempotencyBegin;

    public sealed record Replay(int StatusCode, string? ContentType, string? Location, byte[] Body) : IdempotencyBegin;

    /// <summary>The key was used for a different request.</summary>
    public sealed record Mismatch : IdempotencyBegin;

    /// <summary>The first request with this key is still running.</summary>
    public sealed record InProgress : IdempotencyBegin;
}
