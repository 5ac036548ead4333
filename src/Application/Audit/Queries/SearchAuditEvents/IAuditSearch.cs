namespace Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;

/// <summary>What the platform's and a tenant's searches share, so that one validator holds both to the same rules.</summary>
public interface IAuditSearch
{
    AuditEventFilter Filter { get; }
    string? Cursor { get; }
    int PageSize { get; }
}
