using System.Linq.Expressions;
using Natero.Connectors.Domain.Connections;
using Riok.Mapperly.Abstractions;

namespace Natero.Connectors.Application.Connections.Queries.GetConnections;

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class ConnectionMapper
{
    public static partial ConnectionDto ToDto(this ProviderConnection connection);

    /// <summary>
    /// The projection as an expression, built once: a generated projection builds its expression tree on
    /// every call, and a compiled query needs the lambda itself.
    /// </summary>
    public static Expression<Func<ProviderConnection, ConnectionDto>> Projection { get; } = ProjectionOf(Project);

    public static IQueryable<ConnectionDto> ProjectToDto(this IQueryable<ProviderConnection> connections) => connections.Select(Projection);

    private static partial IQueryable<ConnectionDto> Project(this IQueryable<ProviderConnection> connections);

    /// <summary>The lambda of the <c>Select</c> a generated projection applies.</summary>
    private static Expression<Func<ProviderConnection, ConnectionDto>> ProjectionOf(
        Func<IQueryable<ProviderConnection>, IQueryable<ConnectionDto>> project
    ) =>
        project(Enumerable.Empty<ProviderConnection>().AsQueryable()).Expression
            is MethodCallExpression { Method.Name: nameof(Queryable.Select) } select
        && select.Arguments[1] is UnaryExpression { Operand: Expression<Func<ProviderConnection, ConnectionDto>> lambda }
            ? lambda
            : throw new InvalidOperationException("The generated projection is not a single Select.");
}
