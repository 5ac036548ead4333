using System.Globalization;
using Natero.Connectors.ZendeskEmulator.Hosting;

namespace Natero.Connectors.ZendeskEmulator;

/// <summary>A misbehaviour to inject with <see cref="EmulatorFaults.Inject"/>.</summary>
public abstract record Fault
{
    private protected Fault() { }

    /// <summary>
    /// A transient failure: 500 with Zendesk's JSON error body, or 503 with <c>Retry-After</c> (seconds) as
    /// Zendesk sends when it is unavailable. The body is an assumption; see docs/providers/zendesk.md.
    /// </summary>
    public static Fault ServerError(int statusCode = StatusCodes.Status500InternalServerError, TimeSpan? retryAfter = null)
    {
        var headers = new Dictionary<string, string>();
        if (retryAfter is { } wait)
        {
            headers["Retry-After"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return new RespondFault(
            statusCode,
            Json.ContentType,
            statusCode == StatusCodes.Status503ServiceUnavailable
                ? """{"error":"ServiceUnavailable","description":"Service temporarily unavailable. Please try again later."}"""
                : """{"error":"InternalServerError","description":"Something went wrong. Please try again later."}"""
        )
        {
            Headers = headers,
        };
    }

    /// <summary>Any status, content type and body, with any extra response headers.</summary>
    public static Fault Respond(int statusCode, string contentType, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        new RespondFault(statusCode, contentType, body) { Headers = headers ?? new Dictionary<string, string>() };

    /// <summary>Closes the connection without a response.</summary>
    public static Fault DropConnection() => new DropConnectionFault();
}

internal sealed record RespondFault(int StatusCode, string ContentType, string Body) : Fault
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public override string ToString() =>
        $"{nameof(RespondFault)} {{ StatusCode = {StatusCode}, "
        + $"Headers = [{string.Join(", ", Headers.Select(h => $"{h.Key}: {h.Value}"))}] }}";
}

internal sealed record DropConnectionFault : Fault;
