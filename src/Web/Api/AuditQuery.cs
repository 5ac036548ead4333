using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Web.Api;

/// <summary>The query string of an audit search.</summary>
public sealed record AuditQuery(
    string? Actor,
    string? Action,
    string? Target,
    AuditOutcome? Outcome,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Cursor,
    int? Limit
);
