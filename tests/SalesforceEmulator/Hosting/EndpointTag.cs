namespace Natero.Connectors.SalesforceEmulator.Hosting;

/// <summary>Endpoint metadata: which hosts serve the endpoint, and its name for faults and the request log.</summary>
internal sealed record EndpointTag(HostRoles Roles, EmulatorEndpoint Endpoint);

internal static class EndpointTagExtensions
{
    public static TBuilder ServedOn<TBuilder>(this TBuilder builder, HostRoles roles, EmulatorEndpoint endpoint)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new EndpointTag(roles, endpoint));
}
