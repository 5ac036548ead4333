using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Natero.Connectors.Web.FunctionalTests;

/// <summary>Pages as a browser asks for them: HTML accepted, forms posted with their antiforgery token.</summary>
public sealed partial class Browser(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public async Task<HttpResponseMessage> GetPageAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return await Client.SendAsync(request);
    }

    public async Task<string> GetHtmlAsync(string path)
    {
        using var response = await GetPageAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// Loads <paramref name="pagePath"/> for its antiforgery token, then posts the form fields to <paramref name="postPath"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pagePath, string postPath, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await GetHtmlAsync(pagePath);
        var token = AntiforgeryToken().Match(html);
        token.Success.ShouldBeTrue($"{pagePath} has no antiforgery token");
        var form = fields.Append(new("__af", WebUtility.HtmlDecode(token.Groups[1].Value))).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, postPath) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/account/sign-in" : $"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return SubmitAsync(path, path, [new("Input.Email", email), new("Input.Password", password)]);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
