using System.Net;
using System.Text.RegularExpressions;

namespace Natero.Connectors.ZendeskEmulator;

/// <summary>
/// Plays the person at the browser for tests without one: follows an authorize URL through the sign-in and Allow
/// pages and returns where the emulator finally sends the browser (the client's redirect URL with a <c>code</c>
/// or an <c>error</c>). It keeps cookies, so a second authorize on the same account skips the password. The
/// emulator's own redirects are relative; the first absolute one is the client's.
/// </summary>
public sealed partial class EmulatorBrowser : IDisposable
{
    private const int MaxSteps = 8;
    private readonly HttpClient _client;

    public EmulatorBrowser()
    {
        _client = new HttpClient(
            new HttpClientHandler
            {
                AllowAutoRedirect = false,
                CookieContainer = Cookies,
                UseCookies = true,
            }
        );
    }

    public CookieContainer Cookies { get; } = new();

    /// <exception cref="InvalidOperationException">The emulator showed an error page, or refused the password.</exception>
    public async Task<Uri> AuthorizeAsync(
        Uri authorizeUrl,
        string email,
        string password,
        ConsentDecision decision = ConsentDecision.Allow,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(authorizeUrl);
        var response = await _client.GetAsync(authorizeUrl, cancellationToken);
        var signedIn = false;
        for (var step = 0; step < MaxSteps; step++)
        {
            using var current = response;
            var page = current.RequestMessage?.RequestUri ?? authorizeUrl;
            if (current.Headers.Location is { } location)
            {
                if (location.IsAbsoluteUri)
                {
                    return location;
                }

                response = await _client.GetAsync(new Uri(page, location), cancellationToken);
                continue;
            }

            var html = await current.Content.ReadAsStringAsync(cancellationToken);
            var alert = Alert(html);
            if (!current.IsSuccessStatusCode || (alert is not null && signedIn))
            {
                throw new InvalidOperationException($"The emulator answered {(int)current.StatusCode}: {alert ?? html}");
            }

            var requestId = WebUtility.HtmlDecode(HiddenRequestId().Match(html).Groups[1].Value);
            var action = FormAction().Match(html).Groups[1].Value;
            Dictionary<string, string> fields = html.Contains("id=\"login\"", StringComparison.Ordinal)
                ? new()
                {
                    ["req"] = requestId,
                    ["email"] = email,
                    ["password"] = password,
                }
                : new() { ["req"] = requestId, ["decision"] = decision == ConsentDecision.Allow ? "allow" : "deny" };
            signedIn |= fields.ContainsKey("password");
            using var content = new FormUrlEncodedContent(fields);
            response = await _client.PostAsync(new Uri(page, action), content, cancellationToken);
        }

        response.Dispose();
        throw new InvalidOperationException($"The emulator did not reach the redirect URL within {MaxSteps} pages.");
    }

    public void Dispose() => _client.Dispose();

    private static string? Alert(string html) =>
        AlertText().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(Tags().Replace(match.Groups[1].Value, "")) : null;

    [GeneratedRegex("name=\"req\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenRequestId();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("role=\"alert\">(.*?)</p>")]
    private static partial Regex AlertText();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
