namespace Natero.Connectors.ZendeskEmulator.Hosting;

/// <summary>Endpoint metadata: the endpoint's name for faults.</summary>
internal sealed record EndpointTag(EmulatorEndpoint Endpoint);

/// <summary>Serves injected faults; runs after routing so it knows which endpoint a request is for.</summary>
internal static class FaultMiddleware
{
    public static TBuilder Tagged<TBuilder>(this TBuilder builder, EmulatorEndpoint endpoint)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new EndpointTag(endpoint));

    public static IApplicationBuilder UseFaults(this IApplicationBuilder app, EmulatorFaults faults) =>
        app.Use(
            async (context, next) =>
            {
                var tag = context.GetEndpoint()?.Metadata.GetMetadata<EndpointTag>();
                var fault = tag is null ? null : faults.TryTake(tag.Endpoint);
                if (fault is null)
                {
                    await next(context);
                    return;
                }

                context.Emulator().AppliedFault = fault.ToString();
                switch (fault)
                {
                    case RespondFault respond:
                        context.Response.StatusCode = respond.StatusCode;
                        context.Response.ContentType = respond.ContentType;
                        foreach (var (name, value) in respond.Headers)
                        {
                            context.Response.Headers[name] = value;
                        }

                        await context.Response.WriteAsync(respond.Body, context.RequestAborted);
                        break;
                    case DropConnectionFault:
                        context.Abort();
                        break;
                    default:
                        throw new InvalidOperationException($"No handling for {fault}.");
                }
            }
        );
}
