using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Accounts.Commands.SignInWithPasskey;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;

namespace Natero.Connectors.Web.FunctionalTests.Accounts;

/// <summary>
/// The passkey endpoints over HTTP: what they refuse, and that a credential that is not a passkey of this site
/// signs nobody in and leaves no trace of itself. The ceremonies with a real authenticator run in Chromium.
/// </summary>
public sealed partial class PasskeyTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string SignInOptions = "/account/sign-in/passkey?handler=Options";
    private const string PasskeySignIn = "/account/sign-in/passkey";
    private const string CreationOptions = "/account/security/passkeys?handler=Options";
    private const string AddPasskey = "/account/security/passkeys?handler=Add";

    // Recognisable pieces of a forged credential, which must show up in no audit record and no log line.
    private const string ForgedId = "Zm9yZ2VkLWNyZWRlbnRpYWwtaWQ";
    private const string ForgedSignature = "Zm9yZ2VkLXNpZ25hdHVyZS1ieXRlcw";

    private static readonly string ForgedAssertion = JsonSerializer.Serialize(
        new
        {
            id = ForgedId,
            rawId = ForgedId,
            type = "public-key",
            response = new
            {
                clientDataJSON = "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0",
                authenticatorData = "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ",
                signature = ForgedSignature,
                userHandle = "bm9ib2R5",
            },
            clientExtensionResults = new { },
        }
    );

    [Fact]
    public async Task Passkey_posts_without_the_antiforgery_token_are_refused()
    {
        using var anonymous = Factory.NewBrowser();
        using var signedIn = await SignedInAs(TestUsers.DemoMember);

        using (var options = await PostAsync(anonymous, SignInOptions, [], json: true))
        {
            options.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using (var signIn = await PostAsync(anonymous, PasskeySignIn, [new("CredentialJson", ForgedAssertion)]))
        {
            signIn.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using (var creation = await PostAsync(signedIn, CreationOptions, [], json: true))
        {
            creation.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using (var remove = await PostAsync(signedIn, "/account/security/passkeys?handler=Remove", [new("PasskeyId", ForgedId)]))
        {
            remove.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        (await Factory.DbAsync(db => db.AuditEvents.CountAsync(e => e.Action.StartsWith("account.passkey")))).ShouldBe(0);
    }

    [Fact]
    public async Task Managing_passkeys_needs_a_signed_in_person()
    {
        using var anonymous = Factory.NewBrowser();
        var token = await TokenAsync(anonymous, "/account/sign-in");

        using (var page = await anonymous.GetPageAsync("/account/security/passkeys"))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            page.Headers.Location!.ToString().ShouldContain("/account/sign-in");
        }

        using (var options = await PostAsync(anonymous, CreationOptions, [new("__af", token)], json: true))
        {
            options.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var add = await PostAsync(anonymous, AddPasskey, [new("__af", token), new("Name", "Mine now"), new("CredentialJson", "{}")]))
        {
            add.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            add.Headers.Location!.ToString().ShouldContain("/account/sign-in");
        }
    }

    [Fact]
    public async Task The_sign_in_options_name_this_site_and_ask_the_authenticator_to_verify_the_person()
    {
        using var anonymous = Factory.NewBrowser();
        var token = await TokenAsync(anonymous, "/account/sign-in");

        using var options = await PostAsync(anonymous, SignInOptions, [new("__af", token)], json: true);

        options.StatusCode.ShouldBe(HttpStatusCode.OK);
        options.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(await options.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("rpId").GetString().ShouldBe("localhost");
        json.RootElement.GetProperty("userVerification").GetString().ShouldBe("required");
        json.RootElement.GetProperty("challenge").GetString()!.Length.ShouldBeGreaterThanOrEqualTo(43, "32 random bytes, base64url");
        options.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeTrue();
        cookies!.ShouldContain(c =>
            c.StartsWith("__Host-natero-passkey=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase)
        );
    }

    [Fact]
    public async Task A_forged_passkey_is_refused_with_a_clear_error_signs_nobody_in_and_leaves_no_credential_in_the_audit_trail()
    {
        using var anonymous = Factory.NewBrowser();
        var token = await TokenAsync(anonymous, "/account/sign-in");
        using (var options = await PostAsync(anonymous, SignInOptions, [new("__af", token)], json: true))
        {
            options.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var forged = await PostAsync(anonymous, PasskeySignIn, [new("__af", token), new("CredentialJson", ForgedAssertion)]))
        {
            forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()).ShouldContain(SignInWithPasskeyCommandHandler.NotAccepted);
        }

        using (
            var notJson = await PostAsync(anonymous, PasskeySignIn, [new("__af", token), new("CredentialJson", "not a credential at all")])
        )
        {
            notJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "no ceremony is under way any more, and this is not one anyway");
            WebUtility.HtmlDecode(await notJson.Content.ReadAsStringAsync()).ShouldContain(SignInWithPasskeyCommandHandler.NotAccepted);
        }

        using (var page = await anonymous.GetPageAsync("/t/demo"))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.Redirect, "nobody is signed in");
            page.Headers.Location!.ToString().ShouldContain("/account/sign-in");
        }

        var events = await Factory.DbAsync(db =>
            db.AuditEvents.AsNoTracking().Where(e => e.Action == "account.sign_in_failed").ToListAsync()
        );
        events.Count.ShouldBe(2);
        events.ShouldAllBe(e => e.Data != null && e.Data.Contains("\"method\":\"passkey\""));
        (await Factory.DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "account.signed_in"))).ShouldBe(0);
        await ShouldHoldNoCredentialAsync();
    }

    [Fact]
    public async Task A_forged_passkey_is_not_added_and_the_person_is_told_why()
    {
        using var member = await SignedInAs(TestUsers.DemoMember);
        var token = await TokenAsync(member, "/account/security");
        using (var options = await PostAsync(member, CreationOptions, [new("__af", token)], json: true))
        {
            options.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var json = JsonDocument.Parse(await options.Content.ReadAsStringAsync());
            json.RootElement.GetProperty("user").GetProperty("name").GetString().ShouldBe(TestUsers.DemoMember);
            json.RootElement.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString().ShouldBe("required");
        }

        var forged = ForgedAssertion.Replace("authenticatorData", "attestationObject", StringComparison.Ordinal);
        using (
            var add = await PostAsync(member, AddPasskey, [new("__af", token), new("Name", "Forged key"), new("CredentialJson", forged)])
        )
        {
            add.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            add.Headers.Location!.ToString().ShouldBe("/account/security#passkeys");
        }

        var html = WebUtility.HtmlDecode(await member.GetHtmlAsync("/account/security"));
        html.ShouldContain("Your browser's passkey was not accepted. Try again.");
        html.ShouldContain("No passkeys yet.");
        var failed = await Factory.DbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "account.passkey_added"));
        failed.Outcome.ShouldBe(AuditOutcome.Failure);
        failed.Data!.ShouldContain("Forged key");
        await ShouldHoldNoCredentialAsync();
    }

    [Fact]
    public async Task Removing_a_passkey_that_is_not_ones_own_changes_nothing()
    {
        using var member = await SignedInAs(TestUsers.DemoMember);
        var token = await TokenAsync(member, "/account/security");

        using var remove = await PostAsync(
            member,
            "/account/security/passkeys?handler=Remove",
            [new("__af", token), new("PasskeyId", ForgedId)]
        );

        remove.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        WebUtility.HtmlDecode(await member.GetHtmlAsync("/account/security")).ShouldContain("Passkey was not found.");
        (
            await Factory.DbAsync(db =>
                db.AuditEvents.CountAsync(e => e.Action == "account.passkey_removed" && e.Outcome == AuditOutcome.Success)
            )
        ).ShouldBe(0);
        using var stillSignedIn = await member.GetPageAsync("/t/demo");
        stillSignedIn.StatusCode.ShouldBe(HttpStatusCode.OK, "nothing changed, so no session ended");
    }

    private async Task ShouldHoldNoCredentialAsync()
    {
        var records = await Factory.DbAsync(db => db.AuditEvents.AsNoTracking().Select(e => new { e.Reason, e.Data }).ToListAsync());
        foreach (var record in records)
        {
            $"{record.Reason} {record.Data}".ShouldNotContain(ForgedId);
            $"{record.Reason} {record.Data}".ShouldNotContain(ForgedSignature);
            $"{record.Reason} {record.Data}".ShouldNotContain("clientDataJSON");
        }

        Factory.Logs.Lines.Where(l => l.Contains(ForgedId) || l.Contains(ForgedSignature)).ShouldBeEmpty();
    }

    private static async Task<string> TokenAsync(Browser browser, string pagePath)
    {
        var match = AntiforgeryToken().Match(await browser.GetHtmlAsync(pagePath));
        match.Success.ShouldBeTrue($"{pagePath} has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task<HttpResponseMessage> PostAsync(
        Browser browser,
        string path,
        IEnumerable<KeyValuePair<string, string>> fields,
        bool json = false
    )
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(json ? "application/json" : "text/html"));
        request.Headers.Add("Origin", "https://localhost");
        return await browser.Client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
