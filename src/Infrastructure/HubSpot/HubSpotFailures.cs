using Natero.Connectors.Application.Common.Results;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Natero.Connectors.Infrastructure.HubSpot;

/// <summary>
/// What a HubSpot call that threw becomes: a clear failure, never an unhandled exception. The words name the host at
/// most, never a URL with its query, a token or a secret.
/// </summary>
internal static class HubSpotFailures
{
    public const string Timeout = "hubspot_timeout";
    public const string Unavailable = "hubspot_unavailable";
    public const string Unreachable = "hubspot_unreachable";

    /// <returns>The failure and a short reason for the log; null when the caller itself cancelled.</returns>
    public static (Error Error, string Reason)? Describe(
        Exception exception,
        string host,
        TimeSpan timeout,
        CancellationToken cancellationToken
    ) =>
        exception switch
        {
            _ when cancellationToken.IsCancellationRequested => null,
            TimeoutRejectedException or OperationCanceledException => (
                Failure(Timeout, $"HubSpot did not answer within {timeout.TotalSeconds:0} seconds. Nothing was changed; try again."),
                "timeout"
            ),
            BrokenCircuitException => (
                Failure(Unavailable, $"HubSpot at {host} failed repeatedly; Natero pauses calls to it for a while. Try again shortly."),
                "circuit open"
            ),
            HttpRequestException http => (
                Failure(Unreachable, "Natero could not reach HubSpot. Nothing was changed; try again in a few minutes."),
                http.HttpRequestError.ToString()
            ),
            _ => null,
        };

    private static Error Failure(string code, string message) => new(ErrorKind.Failure, code, message);
}
