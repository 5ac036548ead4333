using System.Text.Json;

namespace Natero.Connectors.ZendeskEmulator.Hosting;

internal static class RequestLogMiddleware
{
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app, RequestLog log, TimeProvider time) =>
        app.Use(
            async (context, next) =>
            {
                var request = context.Request;
                var arrivedAt = time.GetUtcNow();
                var body = await ReadBody(request, context.RequestAborted);
                context.Emulator().GrantType = body.GetValueOrDefault("grant_type");
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
                            emulator.Account.Subdomain,
                            emulator.Account.Origin,
                            request.Path.Value ?? "",
                            Redact(request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToString()))),
                            Redact(body),
                            RedactAuthorization(request.Headers.Authorization.ToString()),
                            status,
                            emulator.AppliedFault
                        )
                    );
                }

                // Recording when the headers go out puts the entry in the log before the client can see the response.
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

    /// <summary>The form fields, or the top-level fields of a JSON object; the body stays readable for the endpoint.</summary>
    internal static async Task<Dictionary<string, string>> ReadBody(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        }

        if (request.HasJsonContentType())
        {
            request.EnableBuffering();
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    ? document
                        .RootElement.EnumerateObject()
                        .ToDictionary(
                            p => p.Name,
                            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText(),
                            StringComparer.Ordinal
                        )
                    : [];
            }
            catch (JsonException)
            {
                return [];
            }
            finally
            {
                request.Body.Position = 0;
            }
        }

        return [];
    }

    private static Dictionary<string, string> Redact(IEnumerable<KeyValuePair<string, string>> values) =>
        values.ToDictionary(
            v => v.Key,
            v => RequestLog.SecretNames.Contains(v.Key) && v.Value.Length > 0 ? RequestLog.Redacted : v.Value,
            StringComparer.Ordinal
        );

    private static string? RedactAuthorization(string header)
    {
        if (header.Length == 0)
        {
            return null;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? RequestLog.Redacted : $"{header[..space]} {RequestLog.Redacted}";
    }
}
