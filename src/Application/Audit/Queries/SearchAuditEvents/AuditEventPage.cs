namespace Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;

/// <summary>One page of events, newest first, and the cursor of the next page (null on the last).</summary>
public sealed record AuditEventPage(IReadOnlyList<AuditEventDto> Events, string? NextCursor);
