using System.Buffers;
using System.Buffers.Text;
using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Connections.Queries.ListConnections;

/// <summary>
/// The current tenant's connections a page at a time, newest first by id (ids are time-ordered): the one
/// list of connections, for the API and the pages alike. The cursor is the last id of the page, so a
/// connection added meanwhile never shifts a later page, and a reauthorization never moves one.
/// </summary>
[RequirePermission(Permissions.DataConnectors.View)]
public sealed record ListConnectionsQuery(string? Cursor = null, int Limit = 50) : IQuery<Result<ConnectionPage>>, ITenantRequest
{
    public const int MaxLimit = 200;
}

public sealed class ListConnectionsQueryValidator : AbstractValidator<ListConnectionsQuery>
{
    public ListConnectionsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListConnectionsQuery.MaxLimit);
        RuleFor(q => q.Cursor)
            .Must(c => c is null || ConnectionCursor.TryParse(c, out _))
            .WithMessage("This cursor is not valid. Start again without one.");
    }
}

public sealed class ListConnectionsQueryHandler(IConnectionPages pages) : IQueryHandler<ListConnectionsQuery, Result<ConnectionPage>>
{
    public async ValueTask<Result<ConnectionPage>> Handle(ListConnectionsQuery query, CancellationToken cancellationToken)
    {
        Guid? before = ConnectionCursor.TryParse(query.Cursor, out var after) ? after : null;
        var rows = await pages.NewestAsync(before, query.Limit + 1, cancellationToken);
        var next = rows.Count > query.Limit ? ConnectionCursor.Format(rows[query.Limit - 1].Id) : null;
        return new ConnectionPage(rows.Count > query.Limit ? rows[..query.Limit] : rows, next);
    }
}

internal static class ConnectionCursor
{
    public static string Format(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string? text, out Guid id)
    {
        id = Guid.Empty;
        Span<byte> bytes = stackalloc byte[24];
        if (
            string.IsNullOrEmpty(text)
            || text.Length > 32
            || Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done
            || written != 16
        )
        {
            return false;
        }

        id = new Guid(bytes[..16], bigEndian: true);
        return true;
    }
}
