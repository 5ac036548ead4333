using Natero.Connectors.SalesforceEmulator.Rest;

namespace Natero.Connectors.SalesforceEmulator.Hosting;

/// <summary>The host an org moved away from: it redirects to the org's new host, or no longer knows the org's sessions.</summary>
internal static class MovedHostMiddleware
{
    public static IApplicationBuilder UseMovedHosts(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                if (context.Host().Moved is not { } moved)
                {
                    await next(context);
                    return;
                }

                var request = context.Request;
                if (moved.Answer == MovedHostAnswer.Redirect)
                {
                    context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                    context.Response.Headers.Location = moved.Org.InstanceUrl + request.Path + request.QueryString;
                    return;
                }

                if (request.Path.StartsWithSegments("/services/data", StringComparison.Ordinal))
                {
                    await RestErrors.InvalidSession(context, "Session expired or invalid").ExecuteAsync(context);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        );
}
