using Natero.Connectors.Application.Common.Results;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Natero.Connectors.Infrastructure.Zendesk;

/// <summary>
/// What a Zendesk call that threw becomes: a clear failure, never an unhandled exception. The words name the host at
/// most, never a URL with its query, a token or a secret.
/// </summary>
internal static class ZendeskFailures
{
    public const string Timeout = "zendesk_timeout";
    public const string Unavailable = "zendesk_unavailable";
    public const string Unreachable = "zendesk_unreachable";

    /// <returns>The failure and a short reason for the log; null when the caller itself cancelled.</returns>
    public static (Error Error, string Reason)? Describe(
        Exception exception,
        string host,
        ZendeskOptions options,
        CancellationToken cancellationToken
    ) =>
        exception switch
        {
            _ when cancellationToken.IsCancellationRequested => null,
            TimeoutRejectedException or OperationCanceledException => (
                Failure(
                    Timeout,
                    $"Zendesk did not answer within {options.Timeout.TotalSeconds:0} seconds. Nothing was changed; try again."
                ),
                "timeout"
            ),
            BrokenCircuitException => (
                Failure(
                    Unavailable,
                    $"Zendesk at {host} failed repeatedly; Natero pauses calls to it for a while. Nothing was changed; try again shortly."
                ),
                "circuit open"
            ),
            HttpRequestException http => (
                Failure(Unreachable, $"Natero could not reach Zendesk at {host}. Nothing was changed; try again in a few minutes."),
                http.HttpRequestError.ToString()
            ),
            _ => null,
        };

    private static Error Failure(string code, string message) => new(ErrorKind.Failure, code, message);
}
