using Microsoft.Extensions.Primitives;

namespace Natero.Connectors.SalesforceEmulator.Hosting;

internal static class RequestLogMiddleware
{
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app, RequestLog log, TimeProvider time) =>
        app.Use(
            async (context, next) =>
            {
                var request = context.Request;
                var arrivedAt = time.GetUtcNow();
                var form = request.HasFormContentType
                    ? Flatten(await request.ReadFormAsync(context.RequestAborted))
                    : new Dictionary<string, string>();
                var recorded = 0;

                void Record(int status)
                {
                    if (Interlocked.Exchange(ref recorded, 1) == 1)
                    {
                        return;
                    }

                    var emulator = context.Emulator();
                    log.Add(
                        new LoggedRequest(
                            arrivedAt,
                            request.Method,
                            emulator.Host.Kind,
                            emulator.Host.Origin,
                            request.Path.Value ?? "",
                            request.QueryString.Value ?? "",
                            Flatten(request.Query),
                            form,
                            request.Headers.Authorization.Count == 0 ? null : request.Headers.Authorization.ToString(),
                            status,
                            emulator.AppliedFault
                        )
                    );
                }

                // Recording when the headers go out (not after the pipeline) puts the entry in the log before
                // the client can see the response.
                context.Response.OnStarting(() =>
                {
                    Record(context.Response.StatusCode);
                    return Task.CompletedTask;
                });
                try
                {
                    await next(context);
                }
                finally
                {
                    if (context.RequestAborted.IsCancellationRequested)
                    {
                        Record(0);
                    }
                }
            }
        );

    private static Dictionary<string, string> Flatten(IEnumerable<KeyValuePair<string, StringValues>> values) =>
        values.ToDictionary(v => v.Key, v => v.Value.ToString(), StringComparer.Ordinal);
}
