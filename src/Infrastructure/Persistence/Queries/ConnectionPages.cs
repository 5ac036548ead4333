using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Connections.Queries.GetConnections;
using Natero.Connectors.Application.Connections.Queries.ListConnections;

namespace Natero.Connectors.Infrastructure.Persistence.Queries;

/// <summary>Compiled once per process; the tenant filter applies as in any query of the context.</summary>
internal sealed class ConnectionPages(ApplicationDbContext db) : IConnectionPages
{
    private static readonly Func<ApplicationDbContext, int, IAsyncEnumerable<ConnectionDto>> Newest = EF.CompileAsyncQuery(
        (ApplicationDbContext context, int take) =>
            context.ProviderConnections.AsNoTracking().OrderByDescending(c => c.Id).Take(take).Select(ConnectionMapper.Projection)
    );

    private static readonly Func<ApplicationDbContext, Guid, int, IAsyncEnumerable<ConnectionDto>> Before = EF.CompileAsyncQuery(
        (ApplicationDbContext context, Guid before, int take) =>
            context
                .ProviderConnections.AsNoTracking()
                .Where(c => c.Id < before)
                .OrderByDescending(c => c.Id)
                .Take(take)
                .Select(ConnectionMapper.Projection)
    );

    public async Task<List<ConnectionDto>> NewestAsync(Guid? before, int take, CancellationToken cancellationToken)
    {
        var rows = new List<ConnectionDto>(take);
        var query = before is { } id ? Before(db, id, take) : Newest(db, take);
        await foreach (var row in query.WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
