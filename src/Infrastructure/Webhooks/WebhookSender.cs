using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Webhooks;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>
/// One signed POST per attempt (S29) over the webhook client that <see cref="WebhookTransport"/> builds: its connect
/// step refuses inside addresses (S28), it follows no redirect and keeps no cookie. The whole attempt, connection and
/// answer included, is bounded by <c>Webhooks:Timeout</c>, and at most <c>Webhooks:MaxResponseBytes</c> of the answer is
/// read. Neither the result nor a log line carries a secret or the body sent.
/// </summary>
internal sealed partial class WebhookSender(
    HttpClient http,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookSender> logger
) : IWebhookSender
{
    public const string UserAgent = "Natero-Webhooks/1";

    private const int MaxQuotedLength = 200;

    public async Task<WebhookAttemptResult> SendAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var signature = WebhookSignature.Header(message.Secrets, message.Id, message.Timestamp, message.Body);
        var started = time.GetTimestamp();
        WebhookAttemptResult result;
        if (SchemeProblem(message.Url, settings) is { } problem)
        {
            result = new WebhookAttemptResult(false, null, time.GetElapsedTime(started), problem, Refused: true);
        }
        else
        {
            // The one timeout of the attempt; a cancellation the caller did not ask for can only be this one.
            using var timeout = new CancellationTokenSource(settings.Timeout, time);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                result = await PostAsync(message, signature, started, attempt.Token, cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var seconds = settings.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                result = Failed(started, $"No answer within {seconds} s (Webhooks:Timeout).");
            }
            catch (HttpRequestException e) when (Inner<ForbiddenWebhookAddressException>(e) is { } forbidden)
            {
                result = new WebhookAttemptResult(false, null, time.GetElapsedTime(started), forbidden.Message, Refused: true);
            }
            catch (HttpRequestException e)
            {
                result = Failed(started, Words(e, message.Url));
            }
        }

        Log(message, result);
        return result;
    }

    private async Task<WebhookAttemptResult> PostAsync(
        WebhookMessage message,
        string signature,
        long started,
        CancellationToken attempt,
        CancellationToken caller
    )
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(message.Body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url) { Content = content };
        request.Headers.TryAddWithoutValidation("webhook-id", message.Id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", WebhookSignature.UnixSeconds(message.Timestamp));
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt);
        var status = (int)response.StatusCode;
        var excerpt = Scrub(await ReadExcerptAsync(response, attempt, caller), message);
        var latency = time.GetElapsedTime(started);
        if (status is >= 200 and < 300)
        {
            return new WebhookAttemptResult(true, status, latency, null);
        }

        var error = status is >= 300 and < 400
            ? response.Headers.Location is { } location
                ? $"Redirects are not followed ({status} to {Quote(location.OriginalString)})."
                : $"Redirects are not followed ({status})."
            : excerpt.Length == 0
                ? $"The endpoint answered {status}."
                : $"The endpoint answered {status}: {excerpt}";
        return new WebhookAttemptResult(false, status, latency, error);
    }

    /// <summary>
    /// The start of the answer, at most <c>Webhooks:MaxResponseBytes</c>, as one line of text; the rest is never read
    /// (the connection is closed instead of drained). An answer cut short by the timeout or the network keeps what came.
    /// </summary>
    private async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken attempt, CancellationToken caller)
    {
        var buffer = new byte[options.Value.MaxResponseBytes];
        var read = 0;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(attempt);
            int n;
            while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), attempt)) > 0)
            {
                read += n;
            }
        }
        catch (Exception e)
            when (e is IOException or HttpRequestException || (e is OperationCanceledException && !caller.IsCancellationRequested))
        {
            // The status line has arrived, and it decides the outcome; the excerpt is only a courtesy.
        }

        var text = new StringBuilder(Encoding.UTF8.GetString(buffer, 0, read));
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]))
            {
                text[i] = ' ';
            }
        }

        var excerpt = text.ToString().Trim();
        return read == buffer.Length && excerpt.Length > 0 ? excerpt + "..." : excerpt;
    }

    /// <summary>A receiver may echo what it got; the secrets and the body sent still never come back in words.</summary>
    private static string Scrub(string excerpt, WebhookMessage message)
    {
        foreach (var secret in message.Secrets)
        {
            excerpt = excerpt.Replace(secret, "[secret]", StringComparison.Ordinal);
            if (secret.Length > WebhookSecret.Prefix.Length)
            {
                excerpt = excerpt.Replace(secret[WebhookSecret.Prefix.Length..], "[secret]", StringComparison.Ordinal);
            }
        }

        return message.Body.Length > 0 ? excerpt.Replace(message.Body, "[the payload sent]", StringComparison.Ordinal) : excerpt;
    }

    private static string? SchemeProblem(Uri url, WebhookOptions settings) =>
        !url.IsAbsoluteUri ? "Not sent: the webhook URL is not absolute."
        : !string.IsNullOrEmpty(url.UserInfo) ? "Not sent: the webhook URL carries a user name or password."
        : url.Scheme == Uri.UriSchemeHttps ? null
        : url.Scheme == Uri.UriSchemeHttp && settings.AllowLoopbackHttp ? null
        : $"Not sent: webhooks use https, not {url.Scheme}.";

    private static string Words(HttpRequestException e, Uri url)
    {
        var socket = Inner<SocketException>(e);
        if (
            e.HttpRequestError == HttpRequestError.NameResolutionError
            || socket?.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain
        )
        {
            return $"{url.IdnHost} could not be resolved to an address.";
        }

        return e.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => $"Could not connect to {url.Authority}: {socket?.Message ?? e.Message}",
            HttpRequestError.SecureConnectionError =>
                $"The TLS handshake with {url.Authority} failed: {e.InnerException?.Message ?? e.Message}",
            HttpRequestError.ResponseEnded => $"{url.Authority} closed the connection before answering.",
            HttpRequestError.InvalidResponse => $"{url.Authority} answered with something other than HTTP.",
            _ => $"The request to {url.Authority} failed: {e.Message}",
        };
    }

    private static T? Inner<T>(Exception e)
        where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Quote(string text) => text.Length <= MaxQuotedLength ? text : text[..MaxQuotedLength] + "...";

    private WebhookAttemptResult Failed(long started, string error) => new(false, null, time.GetElapsedTime(started), error);

    private void Log(WebhookMessage message, WebhookAttemptResult result)
    {
        // The endpoint without user information or query, where a receiver may keep a token of its own.
        var url = message.Url;
        var endpoint = url.IsAbsoluteUri ? $"{url.Scheme}://{url.Authority}{url.AbsolutePath}" : "(not absolute)";
        var milliseconds = (long)result.Latency.TotalMilliseconds;
        if (result.Delivered)
        {
            Delivered(message.Id, endpoint, result.StatusCode, milliseconds);
        }
        else if (result.Refused)
        {
            Refused(message.Id, endpoint, result.Error);
        }
        else
        {
            NotDelivered(message.Id, endpoint, milliseconds, result.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {MessageId} to {Endpoint} delivered: {Status} in {Milliseconds} ms")]
    private partial void Delivered(string messageId, string endpoint, int? status, long milliseconds);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Webhook {MessageId} to {Endpoint} not delivered after {Milliseconds} ms: {Error}"
    )]
    private partial void NotDelivered(string messageId, string endpoint, long milliseconds, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {MessageId} to {Endpoint} refused: {Error}")]
    private partial void Refused(string messageId, string endpoint, string? error);
}
