using Microsoft.Extensions.Primitives;

namespace Natero.Connectors.HubSpotEmulator.Hosting;

internal static partial class RequestLogMiddleware
{
    /// <summary>Where the fault middleware leaves the description of the fault it applied.</summary>
    public const string FaultItem = "hsemu.fault";

    /// <summary>
    /// Set by the fault middleware to drop the connection: this middleware records the request first, so the entry is in
    /// the log before the client sees the connection close.
    /// </summary>
    public const string DroppedItem = "hsemu.dropped";

    /// <param name="console">Writes each entry as one line (for <c>dotnet run</c>); ASP.NET Core's own request lines would show
    /// query strings unredacted.</param>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app, RequestLog log, TimeProvider time, ILogger? console) =>
        app.Use(
            async (context, next) =>
            {
                var request = context.Request;
                var arrivedAt = time.GetUtcNow();
                var form = request.HasFormContentType
                    ? Redact(await request.ReadFormAsync(context.RequestAborted))
                    : new Dictionary<string, string>();
                var query = Redact(request.Query);
                var recorded = 0;

                void Record(int status)
                {
                    if (Interlocked.Exchange(ref recorded, 1) == 1)
                    {
                        return;
                    }

                    var entry = new LoggedRequest(
                        arrivedAt,
                        request.Method,
                        request.Path.Value ?? "",
                        QueryString(query),
                        query,
                        form,
                        RedactAuthorization(request.Headers.Authorization),
                        status,
                        context.Items.TryGetValue(FaultItem, out var fault) ? fault as string : null
                    );
                    log.Add(entry);
                    if (console is not null)
                    {
                        LogRequest(console, entry.Method, entry.Path, entry.QueryString, entry.StatusCode);
                    }
                }

                // Recording when the headers go out (not after the pipeline) puts the entry in the log before the
                // client can see the response.
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
                    if (context.Items.ContainsKey(DroppedItem))
                    {
                        Record(0);
                        context.Abort();
                    }
                    else if (context.RequestAborted.IsCancellationRequested)
                    {
                        Record(0);
                    }
                }
            }
        );

    private static Dictionary<string, string> Redact(IEnumerable<KeyValuePair<string, StringValues>> values) =>
        values.ToDictionary(
            v => v.Key,
            v => RequestLog.SecretFields.Contains(v.Key) ? RequestLog.Redacted : v.Value.ToString(),
            StringComparer.Ordinal
        );

    private static string QueryString(Dictionary<string, string> query) =>
        query.Count == 0 ? "" : QueryString(query.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value)));

    private static string QueryString(IEnumerable<KeyValuePair<string, string?>> query) =>
        Microsoft.AspNetCore.Http.QueryString.Create(query).Value ?? "";

    private static string? RedactAuthorization(StringValues header)
    {
        if (header.Count == 0)
        {
            return null;
        }

        var value = header.ToString();
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? RequestLog.Redacted : value[..space] + " " + RequestLog.Redacted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path}{Query} -> {Status}")]
    private static partial void LogRequest(ILogger logger, string method, string path, string query, int status);
}
