using Natero.Connectors.Application.Common.Results;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Natero.Connectors.Infrastructure.Salesforce;

/// <summary>
/// What a Salesforce call that threw becomes: a clear failure, never an unhandled exception. The words name
/// the host at most, never a URL with its query, a token or a secret.
/// </summary>
internal static class SalesforceFailures
{
    public const string Timeout = "salesforce_timeout";
    public const string Unavailable = "salesforce_unavailable";
    public const string Unreachable = "salesforce_unreachable";

    /// <returns>The failure and a short reason for the log; null when the caller itself cancelled.</returns>
    public static (Error Error, string Reason)? Describe(
        Exception exception,
        string host,
        SalesforceOptions options,
        CancellationToken cancellationToken
    ) =>
        exception switch
        {
            _ when cancellationToken.IsCancellationRequested => null,
            TimeoutRejectedException or OperationCanceledException => (
                Failure(
                    Timeout,
                    $"Salesforce did not answer within {options.Timeout.TotalSeconds:0} seconds. Nothing was changed; try again."
                ),
                "timeout"
            ),
            BrokenCircuitException => (
                Failure(
                    Unavailable,
                    $"Salesforce at {host} failed repeatedly; Natero pauses calls to it for "
                        + $"{options.Resilience.CircuitBreakDuration.TotalSeconds:0} seconds. Nothing was changed; try again shortly."
                ),
                "circuit open"
            ),
            HttpRequestException http => (
                Failure(Unreachable, "Natero could not reach Salesforce. Nothing was changed; try again in a few minutes."),
                http.HttpRequestError.ToString()
            ),
            _ => null,
        };

    private static Error Failure(string code, string message) => new(ErrorKind.Failure, code, message);
}
