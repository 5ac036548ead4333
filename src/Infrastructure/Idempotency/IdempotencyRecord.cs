namespace Natero.Connectors.Infrastructure.Idempotency;

/// <summary>
/// The first response to a POST sent with an <c>Idempotency-Key</c>, kept for a day so that a retry
/// gets it again instead of doing the work twice. The body is encrypted: it may hold a secret (a new
/// API key, an access token).
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; set; }

    /// <summary>Whose key it is: the API key (or user) that sent it, so that callers never share one.</summary>
    public string Scope { get; set; } = null!;

    public string Key { get; set; } = null!;

    /// <summary>SHA-256 of the method, path and body: a key reused for another request is refused.</summary>
    public string RequestHash { get; set; } = null!;

    public bool Completed { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ProtectedBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
