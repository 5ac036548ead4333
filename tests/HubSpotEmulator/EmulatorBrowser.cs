using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Natero.Connectors.HubSpotEmulator;

/// <summary>
/// Plays the person at the browser for tests without one: follows an install URL through the login, account chooser
/// and consent pages and reports where it ended. It keeps cookies, so a second install skips the password as on
/// app.hubspot.com. The emulator's own redirects are relative; the first absolute one is the client's callback.
/// </summary>
public sealed partial class EmulatorBrowser : IDisposable
{
    private const int MaxSteps = 10;
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

    /// <param name="hubId">The account to pick on the account chooser; null picks the first one listed.</param>
    public async Task<AuthorizeOutcome> AuthorizeAsync(
        Uri authorizeUrl,
        string email,
        string password,
        ConsentDecision decision = ConsentDecision.Approve,
        long? hubId = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(authorizeUrl);
        var response = await _client.GetAsync(authorizeUrl, cancellationToken);
        var loginTried = false;
        for (var step = 0; step < MaxSteps; step++)
        {
            using var current = response;
            var page = current.RequestMessage?.RequestUri ?? authorizeUrl;
            if (current.Headers.Location is { } location)
            {
                if (location.IsAbsoluteUri)
                {
                    return new AuthorizeOutcome(location, (int)current.StatusCode, null);
                }

                response = await _client.GetAsync(new Uri(page, location), cancellationToken);
                continue;
            }

            var html = await current.Content.ReadAsStringAsync(cancellationToken);
            var requestId = WebUtility.HtmlDecode(HiddenRequestId().Match(html).Groups[1].Value);
            var ended = Ended(html);
            if (html.Contains("name=\"password\"", StringComparison.Ordinal) && !loginTried)
            {
                loginTried = true;
                response = await Post(
                    page,
                    "/login",
                    new()
                    {
                        ["req"] = requestId,
                        ["email"] = email,
                        ["password"] = password,
                    },
                    cancellationToken
                );
            }
            else if (ended is not null || html.Contains("name=\"password\"", StringComparison.Ordinal))
            {
                return new AuthorizeOutcome(null, (int)current.StatusCode, ended ?? Text(html));
            }
            else if (AccountButton().Matches(html) is { Count: > 0 } accounts)
            {
                var chosen = hubId?.ToString(CultureInfo.InvariantCulture) ?? accounts[0].Groups[1].Value;
                response = await Post(
                    page,
                    FormAction().Match(html).Groups[1].Value,
                    new() { ["req"] = requestId, ["portalId"] = chosen },
                    cancellationToken
                );
            }
            else
            {
                response = await Post(
                    page,
                    FormAction().Match(html).Groups[1].Value,
                    new() { ["req"] = requestId, ["decision"] = decision == ConsentDecision.Approve ? "approve" : "deny" },
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

    /// <summary>The message of a page that ends the flow without a callback: an error, or the app not connected.</summary>
    private static string? Ended(string html) => EndMessage().Match(html) is { Success: true } match ? Text(match.Groups[1].Value) : null;

    private static string Text(string html) => WebUtility.HtmlDecode(Tags().Replace(html, "")).Trim();

    [GeneratedRegex("name=\"req\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenRequestId();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("id=\"portal-(\\d+)\"")]
    private static partial Regex AccountButton();

    [GeneratedRegex("id=\"(?:error|declined)\"[^>]*>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex EndMessage();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
