using System.Globalization;
using Natero.Connectors.HubSpotEmulator.Hosting;
using Natero.Connectors.HubSpotEmulator.OAuth;

namespace Natero.Connectors.HubSpotEmulator;

/// <summary>A misbehaviour to inject with <see cref="EmulatorFaults.Inject"/>.</summary>
public abstract record Fault
{
    private protected Fault() { }

    /// <summary>A transient failure in HubSpot's error shape (<c>category: INTERNAL_ERROR</c>), 500 by default.</summary>
    public static Fault ServerError(int statusCode = 500) =>
        Respond(statusCode, Json.ContentType, HubSpotError("internal error", "INTERNAL_ERROR"));

    /// <summary>
    /// 429 (HubSpot's rate limit, <c>category: RATE_LIMITS</c>) or 503 asking the client to wait: <c>Retry-After: seconds</c>.
    /// </summary>
    public static Fault RetryAfter(int statusCode, TimeSpan wait) =>
        new RespondFault(
            statusCode,
            Json.ContentType,
            statusCode == 429
                ? HubSpotError("You have reached your secondly limit.", "RATE_LIMITS")
                : HubSpotError("Service unavailable", "SERVICE_UNAVAILABLE")
        )
        {
            Headers = new Dictionary<string, string>
            {
                ["Retry-After"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            },
        };

    /// <summary>Any status, content type and body, with any extra response headers.</summary>
    public static Fault Respond(int statusCode, string contentType, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        new RespondFault(statusCode, contentType, body) { Headers = headers ?? new Dictionary<string, string>() };

    /// <summary>
    /// Waits this long (by the emulator's <see cref="TimeProvider"/>) and then answers normally; gives up when the client aborts.
    /// </summary>
    public static Fault Delay(TimeSpan delay) => new DelayFault(delay);

    /// <summary>Never answers: holds the request until the client aborts it or the emulator stops.</summary>
    public static Fault Hang() => Delay(Timeout.InfiniteTimeSpan);

    /// <summary>Closes the connection without a response.</summary>
    public static Fault DropConnection() => new DropConnectionFault();

    private static string HubSpotError(string message, string category) =>
        Json.Serialize(
            new Dictionary<string, string>
            {
                ["status"] = "error",
                ["message"] = message,
                ["correlationId"] = TokenValues.CorrelationId(),
                ["category"] = category,
            }
        );
}

internal sealed record RespondFault(int StatusCode, string ContentType, string Body) : Fault
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public override string ToString() =>
        $"{nameof(RespondFault)} {{ StatusCode = {StatusCode}, ContentType = {ContentType}, "
        + $"Headers = [{string.Join(", ", Headers.Select(h => $"{h.Key}: {h.Value}"))}] }}";
}

internal sealed record DelayFault(TimeSpan Duration) : Fault;

internal sealed record DropConnectionFault : Fault;
