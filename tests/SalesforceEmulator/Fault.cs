using System.Security.Cryptography;
using Natero.Connectors.SalesforceEmulator.Hosting;

namespace Natero.Connectors.SalesforceEmulator;

/// <summary>
/// A misbehaviour to inject with <see cref="EmulatorFaults.Inject"/>. JSON rewrites apply to any endpoint
/// that answers a JSON object (token, identity, userinfo, introspect, REST resources).
/// </summary>
public abstract record Fault
{
    private protected Fault() { }

    /// <summary>Salesforce's own transient failure: <c>{"error":"unknown_error","error_description":"retry your request"}</c>.</summary>
    public static Fault ServerError(int statusCode = 500) =>
        Respond(statusCode, Json.ContentType, """{"error":"unknown_error","error_description":"retry your request"}""");

    /// <summary>
    /// A transient failure (429 or 503 as a load balancer writes it) asking the client to wait: <c>Retry-After: seconds</c>.
    /// </summary>
    public static Fault RetryAfter(int statusCode, TimeSpan wait) =>
        new RespondFault(statusCode, Json.ContentType, """{"error":"unknown_error","error_description":"retry your request"}""")
        {
            Headers = new Dictionary<string, string>
            {
                ["Retry-After"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };

    /// <summary>An HTML maintenance page where JSON was expected, with 200 or 5xx.</summary>
    public static Fault Html(int statusCode = 200) =>
        Respond(
            statusCode,
            "text/html;charset=UTF-8",
            "<!DOCTYPE html><html><head><title>Down for Maintenance</title></head><body><h1>Down for "
                + "Maintenance</h1><p>This site is down for maintenance. Please check back soon.</p></body></html>"
        );

    /// <summary>Any status, content type and body, with any extra response headers.</summary>
    public static Fault Respond(int statusCode, string contentType, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        new RespondFault(statusCode, contentType, body) { Headers = headers ?? new Dictionary<string, string>() };

    /// <summary>An OAuth error as the token, revoke and introspect endpoints write it (400 JSON by default).</summary>
    public static Fault OAuthError(string error, string description, int statusCode = 400) =>
        Respond(
            statusCode,
            Json.ContentType,
            Json.Serialize(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description })
        );

    /// <summary>A REST error as the REST API writes it: a JSON array of <c>{message, errorCode}</c>.</summary>
    public static Fault RestError(int statusCode, string errorCode, string message) =>
        Respond(
            statusCode,
            Json.ContentType,
            Json.Serialize(
                new[]
                {
                    new Dictionary<string, string> { ["message"] = message, ["errorCode"] = errorCode },
                }
            )
        );

    /// <summary>
    /// Waits this long (by the emulator's <see cref="TimeProvider"/>) and then answers normally; gives up when the client aborts.
    /// </summary>
    public static Fault Delay(TimeSpan delay) => new DelayFault(delay);

    /// <summary>Never answers: holds the request until the client aborts it or the emulator stops.</summary>
    public static Fault Hang() => Delay(Timeout.InfiniteTimeSpan);

    /// <summary>Closes the connection without a response.</summary>
    public static Fault DropConnection() => new DropConnectionFault();

    /// <summary>Answers normally but without these top-level JSON fields, e.g. <c>access_token</c>.</summary>
    public static Fault OmitFields(params string[] names) => new RewriteJsonFault(names, new Dictionary<string, string?>());

    /// <summary>Answers normally but with this top-level JSON field set to a string (or null).</summary>
    public static Fault SetField(string name, string? value) =>
        new RewriteJsonFault([], new Dictionary<string, string?> { [name] = value });

    /// <summary>A token response whose <c>signature</c> is well-formed Base64 that does not verify.</summary>
    public static Fault WrongSignature() => SetField("signature", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>A token response whose <c>instance_url</c> points at a host the client must not trust.</summary>
    public static Fault UntrustedInstanceUrl(string instanceUrl = "https://evil.example") => SetField("instance_url", instanceUrl);

    /// <summary>
    /// For <see cref="EmulatorEndpoint.Authorize"/>: once the request is valid, redirect to the callback with
    /// this error, e.g. <c>rate_limit_exceeded</c> or <c>OAUTH_APP_BLOCKED</c>.
    /// </summary>
    public static Fault AuthorizeError(string error, string description) => new AuthorizeErrorFault(error, description);
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

internal sealed record RewriteJsonFault(IReadOnlyList<string> Omit, IReadOnlyDictionary<string, string?> Set) : Fault
{
    public override string ToString() =>
        $"{nameof(RewriteJsonFault)} "
        + $"{{ Omit = [{string.Join(", ", Omit)}], Set = [{string.Join(", ", Set.Select(s => $"{s.Key}={s.Value}"))}] }}";
}

internal sealed record AuthorizeErrorFault(string Error, string Description) : Fault;
