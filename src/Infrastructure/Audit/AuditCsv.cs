using System.Globalization;
using CsvHelper;
using Natero.Connectors.Application.Audit;

namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>
/// Audit events as CSV (RFC 4180, UTF-8), one row per event in the order given, written as they are
/// read so that memory stays flat. Each row carries its chain position and hashes, so an export or an
/// archive can be checked against the chain later. Cells that a spreadsheet would run as a formula are
/// escaped.
/// </summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "occurred_at",
        "tenant",
        "actor_type",
        "actor_id",
        "actor",
        "action",
        "target",
        "outcome",
        "reason",
        "ip_address",
        "user_agent",
        "correlation_id",
        "data",
        "event_id",
        "chain",
        "seq",
        "prev_hash",
        "hash",
    ];

    private static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Writes the header and every event; returns how many events were written.</summary>
    public static async Task<long> WriteAsync(
        Stream destination,
        IAsyncEnumerable<AuditEventDto> events,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(events);
        // UTF-8 straight to the stream, flushed asynchronously as the buffer fills: a response body allows no blocking writes.
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(cancellationToken);
        long count = 0;
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            csv.WriteField(e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(e.TenantSlug ?? (e.TenantId is null ? string.Empty : e.TenantId.Value.ToString()));
            csv.WriteField(e.ActorType.ToString());
            csv.WriteField(e.ActorId);
            csv.WriteField(e.ActorName);
            csv.WriteField(e.Action);
            csv.WriteField(e.Target);
            csv.WriteField(e.Outcome.ToString());
            csv.WriteField(e.Reason);
            csv.WriteField(e.IpAddress);
            csv.WriteField(e.UserAgent);
            csv.WriteField(e.CorrelationId);
            csv.WriteField(e.Data);
            csv.WriteField(e.Id.ToString());
            csv.WriteField(e.ChainKey);
            csv.WriteField(e.Seq.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(e.PrevHash);
            csv.WriteField(e.Hash);
            await csv.EndRecordAsync(cancellationToken);
            count++;
        }

        await csv.FlushAsync(cancellationToken);
        return count;
    }
}
