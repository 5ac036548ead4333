using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Events;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Events;

namespace Natero.Connectors.Application.Audit.Checkpoints;

/// <summary>
/// Signs the head of every chain that grew since its last checkpoint, and saves each checkpoint with its
/// <c>audit.checkpoint</c> outbox event in one save: the hourly round and the on-demand request both come here.
/// Reading every chain's head is a platform job; audit events carry no tenant filter, so nothing is bypassed.
/// </summary>
public static class AuditCheckpointer
{
    public const string RoundKeyPrefix = "audit-checkpoint:";

    /// <summary>The claim of the round that <paramref name="now"/> falls in, the same on every instance.</summary>
    public static string RoundKey(DateTimeOffset now, TimeSpan interval)
    {
        var start = now.UtcTicks - (now.UtcTicks % interval.Ticks);
        return RoundKeyPrefix + new DateTime(start, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Makes the checkpoints and saves them. With <paramref name="roundKey"/>, the round is claimed in the same save
    /// (<see cref="ScheduledRun"/>), so of several instances only one makes it. Returns what was made (empty when no
    /// chain changed), or null when another instance or request saved the same round or heads first.
    /// </summary>
    public static async Task<IReadOnlyList<AuditCheckpoint>?> MakeAsync(
        IApplicationDbContext db,
        IAuditCheckpointSigner signer,
        DateTimeOffset now,
        string? roundKey,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(signer);

        // One maker at a time, on every instance: two that inserted the same chains' checkpoints side by side could
        // each wait on the other's unique keys (PostgreSQL ends one with a deadlock); in turn, the second finds the round
        // claimed or nothing changed.
        await using var locked = await db.BeginLockedAsync(LockName, cancellationToken);
        var made = await MakeLockedAsync(db, signer, now, roundKey, cancellationToken);
        if (made is { Count: > 0 })
        {
            await locked.CommitAsync(cancellationToken);
        }

        return made;
    }

    private const string LockName = "audit-checkpoints";

    private static async Task<IReadOnlyList<AuditCheckpoint>?> MakeLockedAsync(
        IApplicationDbContext db,
        IAuditCheckpointSigner signer,
        DateTimeOffset now,
        string? roundKey,
        CancellationToken cancellationToken
    )
    {
        var key = signer.Key ?? throw new InvalidOperationException("Audit checkpoints are off: no signing key is configured.");
        if (roundKey is not null && await db.ScheduledRuns.AsNoTracking().AnyAsync(r => r.Key == roundKey, cancellationToken))
        {
            return null;
        }

        // Each chain's last event, where no checkpoint covers it yet: only chains that changed.
        var heads = await db
            .AuditEvents.AsNoTracking()
            .Where(e => e.Seq > 0 && e.Seq == db.AuditEvents.Where(x => x.ChainKey == e.ChainKey).Max(x => x.Seq))
            .Where(e => !db.AuditCheckpoints.Any(c => c.ChainKey == e.ChainKey && c.Seq >= e.Seq))
            .OrderBy(e => e.ChainKey)
            .Select(e => new
            {
                e.ChainKey,
                e.TenantId,
                e.Seq,
                e.Hash,
            })
            .ToListAsync(cancellationToken);
        if (heads.Count == 0)
        {
            return [];
        }

        var createdAt = AuditCheckpoint.Moment(now);
        var made = new List<AuditCheckpoint>(heads.Count);
        var outbound = new List<OutboundEvent>(heads.Count);
        foreach (var head in heads)
        {
            var text = AuditCheckpoint.SignedText(head.ChainKey, head.TenantId, head.Seq, head.Hash, createdAt);
            var checkpoint = AuditCheckpoint.Create(
                Ids.New(now),
                head.ChainKey,
                head.TenantId,
                new AuditLink(head.Seq, head.Hash),
                createdAt,
                key.KeyId,
                key.Algorithm,
                signer.Sign(text)
            );
            made.Add(checkpoint);
            outbound.Add(EventPayloads.Create(checkpoint.TenantId, EventTypes.AuditCheckpoint, Data(checkpoint), now, checkpoint.Id));
        }

        db.AuditCheckpoints.AddRange(made);
        db.OutboundEvents.AddRange(outbound);
        var claim = roundKey is null ? null : ScheduledRun.Claim(roundKey, now);
        if (claim is not null)
        {
            db.ScheduledRuns.Add(claim);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return made;
        }
        catch (DbUpdateException)
        {
            // The unique round key (or chain and seq) refused the rows: someone else saved this round first. Anything
            // else is a real failure and goes on up.
            made.ForEach(c => db.AuditCheckpoints.Entry(c).State = EntityState.Detached);
            outbound.ForEach(o => db.OutboundEvents.Entry(o).State = EntityState.Detached);
            if (claim is not null)
            {
                db.ScheduledRuns.Entry(claim).State = EntityState.Detached;
            }

            var first = made[0];
            var lost = roundKey is not null
                ? await db.ScheduledRuns.AsNoTracking().AnyAsync(r => r.Key == roundKey, cancellationToken)
                : await db
                    .AuditCheckpoints.AsNoTracking()
                    .AnyAsync(c => c.ChainKey == first.ChainKey && c.Seq == first.Seq, cancellationToken);
            if (lost)
            {
                return null;
            }

            throw;
        }
    }

    /// <summary>The <c>data</c> of the event: every field of the signed text, as it was signed, and the signature.</summary>
    public static JsonObject Data(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new JsonObject
        {
            ["chainKey"] = checkpoint.ChainKey,
            ["tenant"] = checkpoint.TenantId?.ToString(),
            ["seq"] = checkpoint.Seq,
            ["hash"] = checkpoint.Hash,
            ["createdAt"] = checkpoint.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["keyId"] = checkpoint.KeyId,
            ["algorithm"] = checkpoint.Algorithm,
            ["signature"] = checkpoint.Signature,
        };
    }

    public static AuditCheckpointDto ToDto(AuditCheckpoint c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.ChainKey, c.TenantId, c.Seq, c.Hash, c.CreatedAt, c.KeyId, c.Algorithm, c.Signature);
    }
}
