namespace Natero.Connectors.HubSpotEmulator.Hosting;

/// <summary>Endpoint metadata: the endpoint's name for faults.</summary>
internal sealed record EndpointTag(EmulatorEndpoint Endpoint);

internal static class EndpointTagExtensions
{
    public static TBuilder Tagged<TBuilder>(this TBuilder builder, EmulatorEndpoint endpoint)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new EndpointTag(endpoint));
}
