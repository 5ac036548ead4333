namespace Natero.Connectors.SalesforceEmulator.Hosting;

/// <summary>
/// Tells which Salesforce host a request reached by the local address it arrived on (never the Host
/// header), and hides endpoints that this host does not serve.
/// </summary>
internal static class HostMiddleware
{
    public static IApplicationBuilder UseHostResolution(this IApplicationBuilder app, HostMap hosts) =>
        app.Use(
            async (context, next) =>
            {
                var slot = hosts.Find(context.Connection.LocalIpAddress);
                if (slot is null)
                {
                    context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                    return;
                }

                context.Features.Set(new EmulatorRequest(slot));
                await next(context);
            }
        );

    /// <summary>Runs after routing: an endpoint of another host answers 404 here, as an unknown path would.</summary>
    public static IApplicationBuilder UseHostRoleGate(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                var tag = context.GetEndpoint()?.Metadata.GetMetadata<EndpointTag>();
                if (tag is not null && (tag.Roles & context.Host().Roles) == HostRoles.None)
                {
                    context.SetEndpoint(null);
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(context);
            }
        );
}
