using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.IdentityProviderEmulator;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;

namespace Natero.Connectors.Web.FunctionalTests.Sso;

/// <summary>Single sign-on through OpenID Connect, over HTTP against the identity provider emulator (S24, S25).</summary>
public sealed class SsoSignInTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task The_sign_in_page_offers_each_configured_provider_as_a_form_button()
    {
        using var browser = Factory.NewBrowser();

        var html = await browser.GetHtmlAsync("/account/sign-in");

        html.ShouldContain("action=\"/account/sso/acme\"");
        html.ShouldContain("Sign in with Acme SSO");
    }

    [Fact]
    public async Task The_challenge_uses_the_code_flow_with_pkce_state_and_nonce_and_the_configured_callback()
    {
        using var browser = Factory.NewBrowser();

        var authorize = await new SsoFlow(Factory, browser).StartAsync();

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        query["response_type"].ToString().ShouldBe("code");
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["code_challenge"].ToString().ShouldNotBeNullOrEmpty();
        query["state"].ToString().ShouldNotBeNullOrEmpty();
        query["nonce"].ToString().ShouldNotBeNullOrEmpty();
        query["redirect_uri"].ToString().ShouldBe("https://localhost/signin-oidc/acme");
        query["scope"].ToString().Split(' ').ShouldBe(["openid", "email", "profile"], ignoreOrder: true);
        query.ShouldNotContainKey("client_secret");
    }

    [Fact]
    public async Task An_unknown_provider_is_not_found()
    {
        using var browser = Factory.NewBrowser();

        using var response = await browser.SubmitAsync("/account/sign-in", "/account/sso/nobody", [new("returnUrl", "")]);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task First_sso_sign_in_of_an_invited_email_creates_the_account_joins_the_tenant_and_lands_there()
    {
        await InviteAsync(DemoData.Alice);
        using var browser = Factory.NewBrowser();
        var flow = new SsoFlow(Factory, browser);

        using var landed = await flow.SignInAsync(DemoData.Alice);

        landed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await landed.Content.ReadAsStringAsync());
        landed.Headers.Location!.OriginalString.ShouldBe("/t/demo");
        (await browser.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var link = (await SsoFlow.LinksAsync(Factory)).ShouldHaveSingleItem();
        link.Provider.ShouldBe("acme");
        link.Subject.ShouldBe(Factory.IdentityProvider.Users.FindByEmail(DemoData.Alice)!.Subject);
        var actions = await Factory.DbAsync(db =>
            db.AuditEvents.IgnoreQueryFilters()
                .AsNoTracking()
                .Where(e => e.Target == $"user:{link.UserId}" || e.Action == "invitation.accepted")
                .Select(e => e.Action)
                .ToListAsync()
        );
        actions.ShouldBe(["account.created", "account.sso_linked", "invitation.accepted", "account.signed_in"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_linked_account_signs_in_again_by_its_subject()
    {
        await InviteAsync(DemoData.Alice);
        using (var first = Factory.NewBrowser())
        {
            using var landed = await new SsoFlow(Factory, first).SignInAsync(DemoData.Alice);
            landed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        using var browser = Factory.NewBrowser();
        var flow = new SsoFlow(Factory, browser);
        using var again = await flow.SignInAsync(DemoData.Alice);

        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location!.OriginalString.ShouldBe("/");
        (await flow.IsSignedInAsync()).ShouldBeTrue();
        (await SsoFlow.LinksAsync(Factory)).Count.ShouldBe(1);
        var signIns = (await Factory.AuditEventsAsync("account.signed_in")).Where(e => e.ActorName == DemoData.Alice).ToList();
        signIns.Count.ShouldBe(2);
        signIns.ShouldAllBe(e => e.Outcome == AuditOutcome.Success && e.Data!.Contains("\"method\":\"sso\""));
    }

    [Fact]
    public async Task A_verified_email_inside_the_providers_domains_links_the_existing_account()
    {
        var id = await SsoFlow.CreateAccountAsync(Factory, DemoData.Alice);
        using var browser = Factory.NewBrowser();
        var flow = new SsoFlow(Factory, browser);

        using var landed = await flow.SignInAsync(DemoData.Alice);

        landed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.IsSignedInAsync()).ShouldBeTrue();
        (await SsoFlow.LinksAsync(Factory)).ShouldHaveSingleItem().UserId.ShouldBe(id);
        (await Factory.AuditEventsAsync("account.sso_linked")).ShouldHaveSingleItem().Target.ShouldBe($"user:{id}");
    }

    [Fact]
    public async Task S25_an_unverified_email_never_links_to_the_existing_account()
    {
        await SsoFlow.CreateAccountAsync(Factory, DemoData.Mallory);
        using var browser = Factory.NewBrowser();
        var flow = new SsoFlow(Factory, browser);

        using var page = await flow.SignInAsync(DemoData.Mallory);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.ShouldContain($"Acme SSO has not verified {DemoData.Mallory}");
        html.ShouldContain("Nothing was linked");
        (await flow.IsSignedInAsync()).ShouldBeFalse();
        (await SsoFlow.LinksAsync(Factory)).ShouldBeEmpty();
        var refused = (await Factory.AuditEventsAsync("account.sign_in_failed")).ShouldHaveSingleItem();
        refused.Outcome.ShouldBe(AuditOutcome.Denied);
        refused.Data!.ShouldContain("sso_email_unverified");
    }

    [Fact]
    public async Task S25_an_unverified_email_with_a_pending_invitation_creates_no_account()
    {
        await InviteAsync(DemoData.Mallory);
        using var browser = Factory.NewBrowser();
        var flow = new SsoFlow(Factory, browser);

        using var page = await flow.SignInAsync(DemoData.Mallory);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await flow.IsSignedInAsync()).ShouldBeFalse();
        (await SsoFlow.AccountExistsAsync(Factory, DemoData.Mallory)).ShouldBeFalse();
        (await SsoFlow.LinksAsync(Factory)).ShouldBeEmpty();
        (await Factory.DbAsync(db => db.Invitations.IgnoreQueryFilters().SingleAsync())).AcceptedAt.ShouldBeNull();
    }

    [Fact]
    public async Task S25_an_email_outside_the_providers_domains_never_links()
    {
        await SsoFlow.CreateAccountAsync(Factory, DemoData.Bob);
        using var browser = Factory.NewBrowser();
        var flow = new SsoFlow(Factory, browser);

        using var page = await flow.SignInAsync(DemoData.Bob);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility
            .HtmlDecode(await page.Content.ReadAsStringAsync())
            .ShouldContain("Acme SSO does not sign in globex.example accounts here");
        (await flow.IsSignedInAsync()).ShouldBeFalse();
        (await SsoFlow.LinksAsync(Factory)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_verified_email_without_an_account_or_an_invitation_is_refused_and_creates_nothing()
    {
        using var browser = Factory.NewBrowser();
        var flow = new SsoFlow(Factory, browser);

        using var page = await flow.SignInAsync(DemoData.Alice);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).ShouldContain($"There is no Natero account for {DemoData.Alice}");
        (await SsoFlow.AccountExistsAsync(Factory, DemoData.Alice)).ShouldBeFalse();
        (await SsoFlow.LinksAsync(Factory)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_disabled_account_is_refused_even_when_linked()
    {
        await InviteAsync(DemoData.Alice);
        using (var first = Factory.NewBrowser())
        {
            (await new SsoFlow(Factory, first).SignInAsync(DemoData.Alice)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<IAccounts>();
            var id = (await SsoFlow.LinksAsync(Factory)).Single().UserId;
            (await accounts.SetDisabledAsync(id, true, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        }

        using var browser = Factory.NewBrowser();
        var flow = new SsoFlow(Factory, browser);
        using var page = await flow.SignInAsync(DemoData.Alice);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("This account is disabled");
        (await flow.IsSignedInAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task S24_a_callback_with_a_wrong_state_signs_nobody_in()
    {
        await InviteAsync(DemoData.Alice);
        using var browser = Factory.NewBrowser();
        var flow = new SsoFlow(Factory, browser);
        var callback = await flow.LogInAtProviderAsync(await flow.StartAsync(), DemoData.Alice);
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query)["state"].ToString();
        var changed = state[..10] + (state[10] == 'A' ? 'B' : 'A') + state[11..];

        using var response = await flow.ReturnToAppAsync(new Uri(callback.ToString().Replace(state, changed, StringComparison.Ordinal)));

        response.Headers.Location!.OriginalString.ShouldBe("/account/sso-callback?error=invalid_state");
        await ShouldHaveSignedNobodyInAsync(browser, flow, "invalid_state");
    }

    [Fact]
    public async Task S24_a_callback_replayed_in_another_browser_signs_nobody_in()
    {
        await InviteAsync(DemoData.Alice);
        using var victim = Factory.NewBrowser();
        var callback = await new SsoFlow(Factory, victim).LogInAtProviderAsync(
            await new SsoFlow(Factory, victim).StartAsync(),
            DemoData.Alice
        );
        using var attacker = Factory.NewBrowser();
        var flow = new SsoFlow(Factory, attacker);

        using var response = await flow.ReturnToAppAsync(callback);

        response.Headers.Location!.OriginalString.ShouldBe("/account/sso-callback?error=correlation_failed");
        await ShouldHaveSignedNobodyInAsync(attacker, flow, "correlation_failed");
    }

    [Theory]
    [InlineData(IdTokenFault.WrongIssuer, "invalid_issuer")]
    [InlineData(IdTokenFault.WrongAudience, "invalid_audience")]
    [InlineData(IdTokenFault.BadSignature, "invalid_signature")]
    [InlineData(IdTokenFault.WrongNonce, "invalid_nonce")]
    public async Task S24_an_id_token_with_a_wrong_issuer_audience_nonce_or_signature_signs_nobody_in(IdTokenFault fault, string reason)
    {
        await InviteAsync(DemoData.Alice);
        Factory.IdentityProvider.Faults.IdToken = fault;
        using var browser = Factory.NewBrowser();
        var flow = new SsoFlow(Factory, browser);
        var callback = await flow.LogInAtProviderAsync(await flow.StartAsync(), DemoData.Alice);

        using var response = await flow.ReturnToAppAsync(callback);

        response.Headers.Location!.OriginalString.ShouldBe($"/account/sso-callback?error={reason}");
        await ShouldHaveSignedNobodyInAsync(browser, flow, reason);
    }

    [Fact]
    public async Task S12_no_code_state_token_or_client_secret_reaches_a_log_line_or_an_audit_record()
    {
        await InviteAsync(DemoData.Alice);
        Factory.Logs.Clear();
        var secrets = new List<string> { Factory.IdentityProvider.Client.ClientSecret };
        foreach (var fault in new[] { IdTokenFault.None, IdTokenFault.BadSignature })
        {
            Factory.IdentityProvider.Faults.IdToken = fault;
            using var browser = Factory.NewBrowser();
            var flow = new SsoFlow(Factory, browser);
            var callback = await flow.LogInAtProviderAsync(await flow.StartAsync(), DemoData.Alice);
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query);
            secrets.Add(query["code"].ToString());
            secrets.Add(query["state"].ToString());
            using var returned = await flow.ReturnToAppAsync(callback);
            using var page = await browser.GetPageAsync(returned.Headers.Location!.OriginalString);
            returned.Headers.Location!.OriginalString.ShouldNotContain(query["code"].ToString());
        }

        secrets.AddRange(Factory.IdentityProvider.IssuedTokens.All);
        secrets.Count.ShouldBeGreaterThan(6, "the round trips issued tokens");
        var lines = Factory.Logs.Lines;
        lines.ShouldNotBeEmpty();
        var audit = await Factory.DbAsync(db =>
            db.AuditEvents.IgnoreQueryFilters()
                .AsNoTracking()
                .Select(e => e.ActorName + " " + e.Target + " " + e.Reason + " " + e.Data)
                .ToListAsync()
        );
        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            lines.ShouldNotContain(line => line.Contains(secret, StringComparison.Ordinal));
            audit.ShouldNotContain(text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    private async Task ShouldHaveSignedNobodyInAsync(Browser browser, SsoFlow flow, string reason)
    {
        using var page = await browser.GetPageAsync($"/account/sso-callback?error={reason}");
        (await page.Content.ReadAsStringAsync()).ShouldContain("Single sign-on did not sign you in");
        (await flow.IsSignedInAsync()).ShouldBeFalse();
        (await SsoFlow.AccountExistsAsync(Factory, DemoData.Alice)).ShouldBeFalse();
        (await SsoFlow.LinksAsync(Factory)).ShouldBeEmpty();
        var failure = (await Factory.AuditEventsAsync("account.sign_in_failed")).ShouldHaveSingleItem();
        ApiTesting.DataOf(failure)["reason"].ShouldBe(reason);
    }

    private async Task InviteAsync(string email)
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        using var invited = await admin.SubmitAsync(
            "/t/demo/settings/users",
            "/t/demo/settings/users?handler=Invite",
            [new("NewMember.Email", email), new("NewMember.Permissions", Permissions.DataConnectors.View)]
        );
        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
