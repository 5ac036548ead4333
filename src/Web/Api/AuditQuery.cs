using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Web.Api;

/// <summary>
/// The query string of an audit search. Settable properties rather than a positional record: the request delegate
/// generator binds a record's constructor through a lookup that does not compile for nullable reference types.
/// </summary>
public sealed class AuditQuery
{
    public string? Actor { get; init; }

    public string? Action { get; init; }

    public string? Target { get; init; }

    public AuditOutcome? Outcome { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? Cursor { get; init; }

    public int? Limit { get; init; }
}
