namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>First answers to POSTs sent with an <c>Idempotency-Key</c>, kept for a day, their bodies encrypted.</summary>
public interface IIdempotencyStore
{
    Task<IdempotencyBegin> BeginAsync(string scope, string key, string requestHash, CancellationToken cancellationToken);

    Task CompleteAsync(
        Guid recordId,
        int statusCode,
        string? contentType,
        string? location,
        byte[] body,
        CancellationToken cancellationToken
    );

    /// <summary>Forgets a request that did not finish, so that a retry runs it again.</summary>
    Task AbandonAsync(Guid recordId, CancellationToken cancellationToken);
}
