using Mediator;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Connections.Queries.ListProviders;

/// <summary>The providers Natero can connect, whether each is configured here, and what a person must give to authorize it.</summary>
public sealed record ListProvidersQuery : IQuery<Result<IReadOnlyList<ProviderDto>>>;

public sealed class ListProvidersQueryHandler(IOAuthProviderRegistry providers)
    : IQueryHandler<ListProvidersQuery, Result<IReadOnlyList<ProviderDto>>>
{
    public ValueTask<Result<IReadOnlyList<ProviderDto>>> Handle(ListProvidersQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Result<IReadOnlyList<ProviderDto>>>(providers.All.Select(p => ProviderDto.From(p.Descriptor)).ToList());
}
