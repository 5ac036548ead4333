using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Audit;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Infrastructure.Persistence;
using Npgsql;

namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>
/// Moves audit events older than the retention period out of the database: first into a CSV file
/// (with each event's chain position and hashes, so it can be checked later), then, in one
/// transaction, removes them with the append-only trigger lifted and records an anchor per chain
/// and an <c>audit.archived</c> event. The anchor carries the last removed event's hash (the chain
/// goes on from it) and the chain's head at that moment (whose removal is then detectable).
/// Runs as the schema owner (<c>ConnectionStrings:NateroMaintenance</c>): on PostgreSQL only the
/// owner may disable a table's triggers, so the application's role cannot do this.
/// A chain that does not verify is not archived: the break stays where it can be seen.
/// </summary>
public sealed partial class AuditArchiver(
    DatabaseOptions database,
    IOptions<AuditRetentionOptions> options,
    TimeProvider time,
    ILogger<AuditArchiver> logger
)
{
    public const string Action = "audit.archived";

    public async Task<AuditArchiveReport> ArchiveAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.RetentionDays < 30)
        {
            throw new AuditArchiveException($"Audit:RetentionDays is {settings.RetentionDays}; it must be at least 30.");
        }

        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-settings.RetentionDays);
        await using var db = OwnerDbContext.Create(database, time);
        var chains = await PlanAsync(db, cutoff, cancellationToken);
        if (chains.Count == 0 || dryRun)
        {
            return new AuditArchiveReport(cutoff, chains, chains.Sum(c => c.Count), null, null, dryRun);
        }

        foreach (var chain in chains.Where(c => c.ChainKey != LegacyKey))
        {
            var verified = await AuditChainVerifier.VerifyAsync(db, chain.ChainKey, cancellationToken);
            if (!verified.Intact)
            {
                throw new AuditArchiveException($"Chain {chain.ChainKey} does not verify, so nothing was archived: {verified.Message}");
            }
        }

        Directory.CreateDirectory(settings.ArchiveDirectory);
        var name = $"natero-audit-archive-{now.UtcDateTime:yyyyMMdd-HHmmss}.csv";
        var path = Path.Combine(settings.ArchiveDirectory, name);
        var sha256 = await WriteArchiveAsync(db, chains, cutoff, path, cancellationToken);
        try
        {
            await RemoveAsync(db, chains, name, sha256, cutoff, now, cancellationToken);
        }
        catch
        {
            // Nothing was removed, so the file archives nothing: it must not pass for an archive.
            File.Delete(path);
            throw;
        }

        var total = chains.Sum(c => c.Count);
        LogArchived(logger, total, chains.Count, path);
        return new AuditArchiveReport(cutoff, chains, total, path, sha256, DryRun: false);
    }

    /// <summary>Rows from before the chain existed (Seq 0) are archived by age alone.</summary>
    private const string LegacyKey = "legacy";

    /// <summary>
    /// For each chain, the longest run from its start in which every event is older than the cutoff:
    /// an older event after a newer one (clocks differ between instances) waits for the next run.
    /// </summary>
    private static async Task<List<ArchivedChain>> PlanAsync(
        ApplicationDbContext db,
        DateTimeOffset cutoff,
        CancellationToken cancellationToken
    )
    {
        var plan = new List<ArchivedChain>();
        var old = await db
            .AuditEvents.AsNoTracking()
            .Where(e => e.OccurredAt < cutoff && e.Seq > 0)
            .GroupBy(e => e.ChainKey)
            .Select(g => new { Chain = g.Key, First = g.Min(e => e.Seq) })
            .ToListAsync(cancellationToken);
        foreach (var chain in old.OrderBy(c => c.Chain, StringComparer.Ordinal))
        {
            var firstNewer = await db
                .AuditEvents.AsNoTracking()
                .Where(e => e.ChainKey == chain.Chain && e.Seq > 0 && e.OccurredAt >= cutoff)
                .MinAsync(e => (long?)e.Seq, cancellationToken);
            var through = firstNewer is { } newer
                ? newer - 1
                : await db.AuditEvents.AsNoTracking().Where(e => e.ChainKey == chain.Chain).MaxAsync(e => e.Seq, cancellationToken);
            if (through >= chain.First)
            {
                // Archived events never change, so the last one's hash can be read now, for the anchor.
                var hash = await db
                    .AuditEvents.AsNoTracking()
                    .Where(e => e.ChainKey == chain.Chain && e.Seq == through)
                    .Select(e => e.Hash)
                    .SingleAsync(cancellationToken);
                plan.Add(new ArchivedChain(chain.Chain, chain.First, through, through - chain.First + 1, hash));
            }
        }

        var legacy = await db.AuditEvents.AsNoTracking().CountAsync(e => e.Seq == 0 && e.OccurredAt < cutoff, cancellationToken);
        if (legacy > 0)
        {
            plan.Add(new ArchivedChain(LegacyKey, 0, 0, legacy, null));
        }

        return plan;
    }

    private static IQueryable<AuditEvent> Selected(ApplicationDbContext db, ArchivedChain chain, DateTimeOffset cutoff = default) =>
        chain.ChainKey == LegacyKey
            ? db.AuditEvents.Where(e => e.Seq == 0 && e.OccurredAt < cutoff)
            : db.AuditEvents.Where(e => e.ChainKey == chain.ChainKey && e.Seq >= chain.FromSeq && e.Seq <= chain.ThroughSeq);

    /// <summary>Writes the file under a temporary name, flushed to disk, then gives it its name; returns its SHA-256.</summary>
    private static async Task<string> WriteArchiveAsync(
        ApplicationDbContext db,
        List<ArchivedChain> chains,
        DateTimeOffset cutoff,
        string path,
        CancellationToken cancellationToken
    )
    {
        if (File.Exists(path))
        {
            throw new AuditArchiveException($"{path} already exists; run the archive again in a second.");
        }

        var partial = path + ".partial";
        await using (
            var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous)
        )
        {
            var written = await AuditCsv.WriteAsync(file, Rows(db, chains, cutoff, cancellationToken), cancellationToken);
            file.Flush(flushToDisk: true);
            if (written != chains.Sum(c => c.Count))
            {
                throw new AuditArchiveException(
                    $"The archive file holds {written} events, not the {chains.Sum(c => c.Count)} planned; nothing was removed."
                );
            }
        }

        File.Move(partial, path);
        await using var read = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(read, cancellationToken));
    }

    private static async IAsyncEnumerable<AuditEventDto> Rows(
        ApplicationDbContext db,
        List<ArchivedChain> chains,
        DateTimeOffset cutoff,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        foreach (var chain in chains)
        {
            var rows = Selected(db, chain, cutoff).AsNoTracking().OrderBy(e => e.Seq).ThenBy(e => e.OccurredAt).WithTenantSlugs(db);
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                yield return row;
            }
        }
    }

    private async Task RemoveAsync(
        ApplicationDbContext db,
        List<ArchivedChain> chains,
        string file,
        string sha256,
        DateTimeOffset cutoff,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LiftTriggerAsync(db, cancellationToken);
        foreach (var chain in chains)
        {
            var removed = await Selected(db, chain, cutoff).ExecuteDeleteAsync(cancellationToken);
            if (removed != chain.Count)
            {
                throw new AuditArchiveException(
                    $"Chain {chain.ChainKey} changed while it was archived ({removed} events to "
                        + $"remove, {chain.Count} written); nothing was removed. Run the archive again."
                );
            }
        }

        await RestoreTriggerAsync(db, cancellationToken);

        // Anchors first: the audit.archived event below may extend a chain whose every event just left.
        foreach (var chain in chains.Where(c => c.ChainKey != LegacyKey))
        {
            var archivedThrough = new AuditLink(chain.ThroughSeq, chain.ThroughHash!);
            var head = await db
                .AuditEvents.AsNoTracking()
                .Where(e => e.ChainKey == chain.ChainKey && e.Seq > 0)
                .OrderByDescending(e => e.Seq)
                .Select(e => new AuditLink(e.Seq, e.Hash))
                .FirstOrDefaultAsync(cancellationToken)
                ?? archivedThrough;
            db.AuditAnchors.Add(AuditAnchor.Create(Ids.New(now), chain.ChainKey, archivedThrough, chain.Count, head, file, sha256, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        db.AuditEvents.Add(
            AuditEvent.Record(
                Ids.New(now),
                now,
                null,
                ActorType.System,
                null,
                "audit-retention",
                Action,
                $"archive:{file}",
                AuditOutcome.Success,
                $"Archived {chains.Sum(c => c.Count)} events older than {cutoff:yyyy-MM-dd} from {chains.Count} chains.",
                null,
                null,
                null,
                JsonSerializer.Serialize(
                    new Dictionary<string, string>
                    {
                        ["file"] = file,
                        ["sha256"] = sha256,
                        ["cutoff"] = cutoff.ToString("O", CultureInfo.InvariantCulture),
                        ["events"] = chains.Sum(c => c.Count).ToString(CultureInfo.InvariantCulture),
                    }
                )
            )
        );
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task LiftTriggerAsync(ApplicationDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync(
                database.Provider == DatabaseProvider.Postgres ? AuditTriggers.PostgresLiftForArchive : AuditTriggers.SqliteDrop,
                cancellationToken
            );
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new AuditArchiveException(
                "This database role may not lift the audit log's triggers: the archive must run as the "
                    + "schema's owner. Set ConnectionStrings:NateroMaintenance to the owner's connection string.",
                e
            );
        }
    }

    private async Task RestoreTriggerAsync(ApplicationDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(
            database.Provider == DatabaseProvider.Postgres ? AuditTriggers.PostgresRestoreAfterArchive : AuditTriggers.SqliteCreate,
            cancellationToken
        );

    [LoggerMessage(Level = LogLevel.Information, Message = "Archived {Events} audit events from {Chains} chains to {Path}")]
    private static partial void LogArchived(ILogger logger, long events, int chains, string path);
}
