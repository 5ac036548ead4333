using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Connections.Commands.VerifyConnection;
using Natero.Connectors.Application.Connections.Queries.GetAbandonedAuthorization;
using Natero.Connectors.Application.Connections.Queries.ListProviders;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>
/// What real Salesforce orgs do that a first integration gets wrong (salesforce-protocol.md, "Behaviours of real
/// orgs"), each against the emulator: instance moves, grants replaced and refused, refusals in words, readiness facts.
/// </summary>
public sealed class RealOrgBehaviourTests(ApplicationFixture app) : LifecycleTest(app)
{
    private DemoData Demo => App.Salesforce.Demo;

    [Fact]
    public async Task A_refresh_that_names_a_new_instance_moves_the_connection_there()
    {
        var org = App.Salesforce.AddOrg("Moving Corp", $"moving{Guid.NewGuid():N}"[..20]);
        var user = App.Salesforce.AddUser(org, $"admin@{org.MyDomain}.example", DemoData.Password);
        var id = await ConnectAsync(user);
        var before = (await ConnectionAsync(id)).InstanceUrl;

        App.Salesforce.MigrateOrg(org, "NA999");
        await AgeAccessTokenAsync(id);
        var token = await Tokens.GetAsync(DemoTenantId, id, TestContext.Current.CancellationToken);

        token.IsSuccess.ShouldBeTrue(token.Error?.Message);
        var moved = org.MyDomainUrl.GetLeftPart(UriPartial.Authority);
        moved.ShouldNotBe(before);
        token.Value.InstanceUrl.ToString().TrimEnd('/').ShouldBe(moved);
        (await ConnectionAsync(id)).InstanceUrl.ShouldBe(moved);
        var refreshed = (await AuditEventsAsync("connection.token_refreshed")).ShouldHaveSingleItem();
        DataOf(refreshed)["instance_url_before"].ShouldBe(before);
        DataOf(refreshed)["instance_url"].ShouldBe(moved);
        (await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant)).Value.Healthy.ShouldBeTrue();
    }

    [Fact]
    public async Task A_refresh_that_names_a_host_that_is_not_Salesforce_s_needs_reauthorization_and_is_not_followed()
    {
        var id = await ConnectAsync(Demo.Admin);
        await AgeAccessTokenAsync(id);
        var answer = SignedTokenAnswer("https://evil.example");
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Token, Fault.Respond(200, "application/json", answer));

        var token = await Tokens.GetAsync(DemoTenantId, id, TestContext.Current.CancellationToken);

        token.IsSuccess.ShouldBeFalse();
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        connection.InstanceUrl.ShouldNotContain("evil.example");
        connection.LastErrorMessage.ShouldNotBeNull().ShouldContain("not a Salesforce host");
        connection.LastErrorMessage.ShouldNotBeNull().ShouldContain("must authorize again");
    }

    [Fact]
    public async Task Reauthorizing_revokes_the_refresh_token_it_replaces()
    {
        var id = await ConnectAsync(Demo.Admin);
        var (_, replaced) = await StoredTokensAsync(id);

        var again = await Flow.ConnectAsync(Admin, Demo.Admin);

        again.Value.Connected.ShouldBeTrue(again.Value.Message);
        var (_, current) = await StoredTokensAsync(id);
        current.ShouldNotBe(replaced);
        App.Salesforce.IsTokenActive(replaced!).ShouldBeTrue("revoked after the commit, by the revocation worker");
        (await RevokeLetGoGrantsAsync()).ShouldBe(1);
        App.Salesforce.IsTokenActive(replaced!).ShouldBeFalse();
        App.Salesforce.IsTokenActive(current!).ShouldBeTrue();
        var revoked = (await AuditEventsAsync("connection.grant_revoked")).ShouldHaveSingleItem();
        revoked.Outcome.ShouldBe(Domain.Audit.AuditOutcome.Success);
        revoked.Target.ShouldBe($"connection:{id}");
    }

    [Fact]
    public async Task A_reauthorization_without_API_access_never_downgrades_a_working_connection()
    {
        var id = await ConnectAsync(Demo.Admin);
        var before = await ConnectionAsync(id);
        var (access, refresh) = await StoredTokensAsync(id);

        var again = await Flow.ConnectAsync(Admin, Demo.NoApiUser);

        again.IsSuccess.ShouldBeTrue(again.Error?.Message);
        again.Value.Connected.ShouldBeFalse();
        again.Value.Message.ShouldContain("kept the org's connection as it was");
        again.Value.Message.ShouldContain("API");
        var after = await ConnectionAsync(id);
        after.Status.ShouldBe(before.Status);
        after.Username.ShouldBe(Demo.Admin.Username);
        (await StoredTokensAsync(id)).ShouldBe((access, refresh));
        (await RevokeLetGoGrantsAsync()).ShouldBe(1);
        App.Salesforce.IsTokenActive(refresh!).ShouldBeTrue();
        App.Salesforce.RequestLog.ShouldContain(r => r.Path == RevokePath, "the refused grant is revoked");
        (await AuditEventsAsync("connection.grant_revoked")).ShouldHaveSingleItem().Target.ShouldBe($"connection:{id}");
    }

    [Fact]
    public async Task A_blocked_app_is_explained_with_the_place_to_unblock_it()
    {
        var completed = await Flow.ConnectAsync(Admin, Demo.HooliAdmin, "MyDomain", Demo.Hooli.MyDomainUrl.ToString());

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldContain("OAUTH_APP_BLOCKED");
        completed.Value.Message.ShouldContain("Unblock");
    }

    [Fact]
    public async Task A_user_the_admin_did_not_approve_is_told_what_the_admin_must_add()
    {
        var completed = await Flow.ConnectAsync(Admin, Demo.UmbrellaUnapproved, "MyDomain", Demo.Umbrella.MyDomainUrl.ToString());

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldContain("Admin approved users are pre-authorized");
        completed.Value.Message.ShouldContain("Permission Sets");
    }

    [Fact]
    public async Task Login_IP_ranges_at_the_code_exchange_are_explained()
    {
        var completed = await Flow.ConnectAsync(Admin, Demo.IpRestricted);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldContain("Login IP Ranges");
        completed.Value.Message.ShouldContain("Relax IP restrictions");
    }

    [Fact]
    public async Task Login_IP_ranges_that_start_to_apply_stop_the_refresh_with_the_fix()
    {
        var id = await ConnectAsync(Demo.Admin);
        await AgeAccessTokenAsync(id);
        Demo.Admin.LoginIpRestricted = true;
        try
        {
            (await Tokens.GetAsync(DemoTenantId, id, TestContext.Current.CancellationToken)).IsSuccess.ShouldBeFalse();
        }
        finally
        {
            Demo.Admin.LoginIpRestricted = false;
        }

        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        connection.LastErrorMessage.ShouldNotBeNull().ShouldContain("Login IP Ranges");
    }

    [Fact]
    public async Task An_inactive_user_is_explained()
    {
        var completed = await Flow.ConnectAsync(Admin, Demo.InactiveUser);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldContain("inactive");
        completed.Value.Message.ShouldContain("reactivate");
    }

    [Fact]
    public async Task A_refresh_token_replaced_beyond_the_app_s_limit_asks_for_authorization_in_words()
    {
        var id = await ConnectAsync(Demo.Admin);
        var limit = Demo.App.RefreshTokensPerUser;
        Demo.App.RefreshTokensPerUser = 1;
        try
        {
            // Another system authorizes the same user with the same app: Salesforce silently revokes Natero's grant.
            await AuthorizeElsewhereAsync(Demo.Admin);
        }
        finally
        {
            Demo.App.RefreshTokensPerUser = limit;
        }

        await AgeAccessTokenAsync(id);
        (await Tokens.GetAsync(DemoTenantId, id, TestContext.Current.CancellationToken)).IsSuccess.ShouldBeFalse();

        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        connection.LastErrorMessage.ShouldNotBeNull().ShouldContain("refresh token");
        connection.LastErrorMessage.ShouldNotBeNull().ShouldContain("Refresh token is valid until revoked");
    }

    [Fact]
    public async Task An_app_not_installed_in_the_org_is_said_before_leaving_and_again_when_the_attempt_never_came_back()
    {
        var providers = await App.SendAsync(new ListProvidersQuery(), Admin, TestUsers.DemoTenant);
        var salesforce = providers.Value.Single(p => p.Key == "salesforce");
        salesforce.SignInHelp.ShouldNotBeNull().ShouldContain("OAUTH_APPROVAL_ERROR_GENERIC");
        salesforce.SignInHelp.ShouldContain("Approve Uninstalled Connected Apps");
        (await App.SendAsync(new GetAbandonedAuthorizationQuery(), Admin, TestUsers.DemoTenant)).Value.ShouldBeNull();

        var started = await Flow.StartAsync(Admin, "MyDomain", Demo.Initech.MyDomainUrl.ToString());
        using var browser = new EmulatorBrowser();
        var stopped = await Should.ThrowAsync<InvalidOperationException>(() =>
            browser.AuthorizeAsync(started.AuthorizationUrl, Demo.InitechUser.Username, DemoData.Password)
        );
        stopped.Message.ShouldContain("OAUTH_APPROVAL_ERROR_GENERIC");

        var abandoned = await App.SendAsync(new GetAbandonedAuthorizationQuery(), Admin, TestUsers.DemoTenant);
        abandoned.Value.ShouldNotBeNull().Provider.ShouldBe("salesforce");
    }

    [Fact]
    public async Task The_org_s_name_edition_and_API_allowance_are_shown_and_a_low_allowance_warns()
    {
        var id = await ConnectAsync(Demo.Admin);

        var connection = await ConnectionAsync(id);
        connection.AccountName.ShouldBe(Demo.Acme.Name);
        connection.AccountEdition.ShouldBe(Demo.Acme.Edition);
        connection.ApiRequestsMax.ShouldBe(Demo.Acme.DailyApiRequestLimit);
        connection.ApiRequestsRemaining.ShouldNotBeNull().ShouldBeGreaterThan(0);
        connection.ApiAllowanceLow.ShouldBeFalse();

        var used = Demo.Acme.ApiRequestsUsed;
        Demo.Acme.SetApiRequestsUsed(Demo.Acme.DailyApiRequestLimit - 100);
        try
        {
            var verified = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

            verified.Value.Healthy.ShouldBeTrue(verified.Value.Message);
            verified.Value.Message.ShouldContain("daily API requests are left");
            var low = await ConnectionAsync(id);
            low.ApiAllowanceLow.ShouldBeTrue();
            low.ApiRequestsRemaining.ShouldNotBeNull().ShouldBeLessThan(100);
        }
        finally
        {
            Demo.Acme.SetApiRequestsUsed(used);
        }
    }

    private async Task<Guid> ConnectAsync(EmulatorUser user, string environment, string myDomain)
    {
        var completed = await Flow.ConnectAsync(Admin, user, environment, myDomain);
        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        App.Salesforce.RequestLog.Clear();
        return completed.Value.ConnectionId!.Value;
    }

    /// <summary>A token answer for the demo app that names <paramref name="instance"/>, signed as Salesforce signs it.</summary>
    private static string SignedTokenAnswer(string instance)
    {
        var id = $"{instance}/id/00D5g0000AcmePrEAI/0055g0000AcmAdmAAA";
        var issuedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(DemoData.ClientSecret), Encoding.UTF8.GetBytes(id + issuedAt))
        );
        return $$"""
            {"access_token":"00Dmoved!access","instance_url":"{{instance}}","id":"{{id}}","token_type":"Bearer",
             "issued_at":"{{issuedAt}}","signature":"{{signature}}","scope":"api refresh_token id"}
            """;
    }

    /// <summary>Authorizes the demo app for <paramref name="user"/> outside Natero, as another system using the same app would.</summary>
    private async Task AuthorizeElsewhereAsync(EmulatorUser user)
    {
        var verifier = OAuthSecrets.NewRandomValue();
        var authorize = QueryHelpers.AddQueryString(
            new Uri(App.Salesforce.ProductionLoginUrl, "/services/oauth2/authorize").ToString(),
            new Dictionary<string, string?>
            {
                ["response_type"] = "code",
                ["client_id"] = DemoData.ClientId,
                ["redirect_uri"] = ApplicationFixture.CallbackUrl,
                ["state"] = "elsewhere",
                ["code_challenge"] = OAuthSecrets.CodeChallenge(verifier),
                ["code_challenge_method"] = "S256",
            }
        );
        using var browser = new EmulatorBrowser();
        var redirect = await browser.AuthorizeAsync(new Uri(authorize), user.Username, DemoData.Password);
        var code = QueryHelpers.ParseQuery(redirect.Query).GetValueOrDefault("code").ToString();
        code.ShouldNotBeEmpty(redirect.Query);
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["client_id"] = DemoData.ClientId,
                ["client_secret"] = DemoData.ClientSecret,
                ["redirect_uri"] = ApplicationFixture.CallbackUrl,
                ["code_verifier"] = verifier,
            }
        );
        using var answer = await http.PostAsync(new Uri(App.Salesforce.ProductionLoginUrl, TokenPath), form);
        answer.IsSuccessStatusCode.ShouldBeTrue(await answer.Content.ReadAsStringAsync());
    }
}
