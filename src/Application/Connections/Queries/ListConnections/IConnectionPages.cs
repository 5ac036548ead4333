using Natero.Connectors.Application.Connections.Queries.GetConnections;

namespace Natero.Connectors.Application.Connections.Queries.ListConnections;

/// <summary>
/// The current tenant's connections, newest first: the API's most requested read, served by compiled
/// queries rather than a LINQ query built, hashed and looked up on every request.
/// </summary>
public interface IConnectionPages
{
    /// <summary>Up to <paramref name="take"/> connections older than <paramref name="before"/> (or the newest), newest first.</summary>
    Task<List<ConnectionDto>> NewestAsync(Guid? before, int take, CancellationToken cancellationToken);
}
