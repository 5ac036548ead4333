using System.Net;
using System.Text.RegularExpressions;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.SecondFactors;

/// <summary>A person setting up and using an authenticator app through the security page, as the tests need it.</summary>
public static partial class SecondFactorTesting
{
    public const string SecurityPage = "/account/security";
    public const string TwoFactorPage = "/account/sign-in/two-factor";

    /// <summary>
    /// Sets up an authenticator app for the signed-in person; returns its key, the code that confirmed it, and the recovery codes.
    /// </summary>
    public static async Task<Enrolment> EnrolAuthenticatorAsync(this Browser browser)
    {
        using var started = await browser.SubmitAsync(SecurityPage, SecurityPage + "?handler=StartAuthenticator", []);
        started.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await started.Content.ReadAsStringAsync();
        var key = Totp.KeyFrom(KeyShown().Match(html).Groups[1].Value);
        key.ShouldNotBeNullOrEmpty("the page shows the key to type in");
        html.ShouldContain("<img src=\"data:image/svg", Case.Sensitive, "the page shows a QR code");

        var code = Totp.Code(key, DateTimeOffset.UtcNow);
        using var confirmed = await browser.SubmitAsync(SecurityPage, SecurityPage + "?handler=ConfirmAuthenticator", [new("Code", code)]);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var codes = RecoveryCodes(await confirmed.Content.ReadAsStringAsync());
        codes.Count.ShouldBe(10);
        return new Enrolment(key, code, codes);
    }

    /// <summary>The recovery codes a page shows.</summary>
    public static IReadOnlyList<string> RecoveryCodes(string html) => [.. RecoveryCode().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>Password then code, as a person signs in with an authenticator app; returns the response to the code.</summary>
    public static async Task<HttpResponseMessage> SignInWithCodeAsync(
        this Browser browser,
        string email,
        string password,
        string code,
        bool recovery = false
    )
    {
        using var first = await browser.SignInAsync(email, password);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.OriginalString.ShouldStartWith(TwoFactorPage);
        var page = recovery ? TwoFactorPage + "?recovery=true" : TwoFactorPage;
        return await browser.SubmitAsync(page, page, [new("Code", code), new("Recovery", recovery ? "true" : "false")]);
    }

    public sealed record Enrolment(string Key, string ConfirmingCode, IReadOnlyList<string> RecoveryCodes);

    [GeneratedRegex("id=\"authenticator-key\" class=\"secret\">([^<]+)<")]
    private static partial Regex KeyShown();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>", RegexOptions.IgnoreCase)]
    private static partial Regex RecoveryCode();
}
