namespace Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;

/// <summary>
/// Every event matching a filter, newest first, read as it is written out: memory stays flat
/// however many events match. The events are exactly those the search pages through.
/// </summary>
public sealed record AuditExport(string FileName, IAsyncEnumerable<AuditEventDto> Events);
