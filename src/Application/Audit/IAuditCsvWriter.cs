namespace Natero.Connectors.Application.Audit;

/// <summary>
/// Writes audit events as CSV to a stream as they are read (the export's download); the format and its
/// escaping belong to Infrastructure, so that the web API never reaches into it.
/// </summary>
public interface IAuditCsvWriter
{
    /// <summary>Writes the header and every event; returns how many events were written.</summary>
    Task<long> WriteAsync(Stream destination, IAsyncEnumerable<AuditEventDto> events, CancellationToken cancellationToken);
}
