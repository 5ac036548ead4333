using Mediator;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Connections.Queries.ListProviders;

/// <summary>The providers Natero can connect, and whether each is configured on this installation.</summary>
public sealed record ListProvidersQuery : IQuery<Result<IReadOnlyList<ProviderDescriptor>>>;

public sealed class ListProvidersQueryHandler(IOAuthProviderRegistry providers)
    : IQueryHandler<ListProvidersQuery, Result<IReadOnlyList<ProviderDescriptor>>>
{
    public ValueTask<Result<IReadOnlyList<ProviderDescriptor>>> Handle(ListProvidersQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Result<IReadOnlyList<ProviderDescriptor>>>(providers.All.Select(p => p.Descriptor).ToList());
}
