using System.Text;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Idempotency;

/// <summary>
/// Records in their own table, claimed by a unique (scope, key) index: of two requests with one key, one
/// inserts and runs, the other finds the record. Bodies are encrypted like tokens, bound to the record.
/// </summary>
internal sealed class IdempotencyStore(ApplicationDbContext db, ISecretProtector protector, TimeProvider time) : IIdempotencyStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a first request may hold its key. One that never finishes (its instance died, or the
    /// database went away before it could let the key go) gives it up after this, as after any 5xx: a
    /// retry then runs. Longer than any request runs, calls to providers and their retries included.
    /// </summary>
    public static readonly TimeSpan InProgressLease = TimeSpan.FromMinutes(5);

    public async Task<IdempotencyBegin> BeginAsync(string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var existing = await db
            .IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
        if (existing is not null && existing.ExpiresAt <= now)
        {
            await db.IdempotencyRecords.Where(r => r.Id == existing.Id).ExecuteDeleteAsync(cancellationToken);
            existing = null;
        }

        if (existing is null)
        {
            var record = new IdempotencyRecord
            {
                Id = Ids.New(now),
                Scope = scope,
                Key = key,
                RequestHash = requestHash,
                CreatedAt = now,
                ExpiresAt = now + Retention,
            };
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new IdempotencyBegin.Started(record.Id);
            }
            catch (DbUpdateException)
            {
                // Another request with the same key got there first.
                db.Entry(record).State = EntityState.Detached;
                existing = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
            }
        }

        if (!string.Equals(existing.RequestHash, requestHash, StringComparison.Ordinal))
        {
            return new IdempotencyBegin.Mismatch();
        }

        if (!existing.Completed)
        {
            return existing.CreatedAt + InProgressLease <= now && await TakeOverAsync(existing, now, cancellationToken)
                ? new IdempotencyBegin.Started(existing.Id)
                : new IdempotencyBegin.InProgress();
        }

        var body = existing.ProtectedBody is null ? null : protector.Unprotect(existing.ProtectedBody, Binding(existing.Id));
        return body is null && existing.ProtectedBody is not null
            ? new IdempotencyBegin.InProgress()
            : new IdempotencyBegin.Replay(
                existing.StatusCode,
                existing.ContentType,
                existing.Location,
                Encoding.UTF8.GetBytes(body ?? string.Empty)
            );
    }

    /// <summary>Claims an abandoned record by a conditional update: of two retries at once, one wins.</summary>
    private async Task<bool> TakeOverAsync(IdempotencyRecord abandoned, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db
            .IdempotencyRecords.Where(r => r.Id == abandoned.Id && !r.Completed && r.CreatedAt == abandoned.CreatedAt)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CreatedAt, now), cancellationToken) == 1;

    public async Task CompleteAsync(
        Guid recordId,
        int statusCode,
        string? contentType,
        string? location,
        byte[] body,
        CancellationToken cancellationToken
    )
    {
        var protectedBody = body.Length == 0 ? null : protector.Protect(Encoding.UTF8.GetString(body), Binding(recordId));
        await db
            .IdempotencyRecords.Where(r => r.Id == recordId)
            .ExecuteUpdateAsync(
                set =>
                    set.SetProperty(r => r.Completed, true)
                        .SetProperty(r => r.StatusCode, statusCode)
                        .SetProperty(r => r.ContentType, contentType)
                        .SetProperty(r => r.Location, location)
                        .SetProperty(r => r.ProtectedBody, protectedBody),
                cancellationToken
            );
    }

    public async Task AbandonAsync(Guid recordId, CancellationToken cancellationToken) =>
        await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteDeleteAsync(cancellationToken);

    private static SecretBinding Binding(Guid recordId) => new(Guid.Empty, recordId, "idempotent_response");
}
