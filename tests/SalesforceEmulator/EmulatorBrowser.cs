using System.Net;
using System.Text.RegularExpressions;

namespace Natero.Connectors.SalesforceEmulator;

/// <summary>
/// Plays the person at the browser for tests without one: follows an authorize URL through the login and
/// Allow pages and returns where the emulator finally sends the browser (the client's callback with a
/// <c>code</c> or an <c>error</c>). It keeps cookies, so a second authorize skips the password as in
/// Salesforce. The emulator's own redirects are relative; the first absolute one is the callback.
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
        string username,
        string password,
        ConsentDecision decision = ConsentDecision.Allow,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(authorizeUrl);
        var response = await _client.GetAsync(authorizeUrl, cancellationToken);
        var loggedIn = false;
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
            if (!current.IsSuccessStatusCode || (alert is not null && loggedIn))
            {
                throw new InvalidOperationException($"The emulator answered {(int)current.StatusCode}: {alert ?? html}");
            }

            var requestId = WebUtility.HtmlDecode(HiddenRequestId().Match(html).Groups[1].Value);
            if (html.Contains("name=\"pw\"", StringComparison.Ordinal))
            {
                loggedIn = true;
                response = await Post(
                    page,
                    "/login",
                    new()
                    {
                        ["req"] = requestId,
                        ["username"] = username,
                        ["pw"] = password,
                    },
                    cancellationToken
                );
            }
            else
            {
                var action = FormAction().Match(html).Groups[1].Value;
                response = await Post(
                    page,
                    action,
                    new() { ["req"] = requestId, ["decision"] = decision == ConsentDecision.Allow ? "allow" : "deny" },
                    cancellationToken
                );
            }
        }

        response.Dispose();
        throw new InvalidOperationException($"The emulator did not reach the callback within {MaxSteps} pages.");
    }

    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> Post(
        Uri page,
        string path,
        Dictionary<string, string> fields,
        CancellationToken cancellationToken
    )
    {
        using var content = new FormUrlEncodedContent(fields);
        return await _client.PostAsync(new Uri(page, path), content, cancellationToken);
    }

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
