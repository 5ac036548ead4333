using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Connections.Queries.GetAbandonedAuthorization;
using Natero.Connectors.Application.Connections.Queries.ListConnections;
using Natero.Connectors.Application.Connections.Queries.ListProviders;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.HubSpotEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>Connecting a HubSpot portal through the mediator against the HubSpot emulator, and each way HubSpot refuses.</summary>
public sealed class ConnectHubSpotTests(ApplicationFixture app) : FunctionalTest(app)
{
    private const string TokenPath = "/oauth/v3/token";
    private const string IntrospectPath = "/oauth/v3/token/introspect";

    private readonly HubSpotFlow _flow = new(app);

    private HubSpotEmulatorHost HubSpot => App.HubSpot;

    [Fact]
    public async Task HubSpot_is_listed_as_configured_with_nothing_to_type_and_its_words()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var providers = await App.SendAsync(new ListProvidersQuery(), admin, TestUsers.DemoTenant);

        var hubSpot = providers.Value.Single(p => p.Key == "hubspot");
        hubSpot.DisplayName.ShouldBe("HubSpot");
        hubSpot.IsConfigured.ShouldBeTrue();
        hubSpot.Needs.ShouldBe(SignInInput.Nothing);
        hubSpot.AccountNoun.ShouldBe("portal");
        hubSpot.SignInHelp!.ShouldContain("HubSpot does not return to Natero");
        hubSpot.SignInHelp!.ShouldContain("Super Admin");
        hubSpot.ApiAccessFixIt.ShouldContain(s => s.Contains("Super Admin"));
    }

    [Fact]
    public async Task The_install_url_asks_for_oauth_with_the_crm_scope_optional_and_s256_pkce()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var started = await _flow.StartAsync(admin);

        var url = started.AuthorizationUrl;
        url.GetLeftPart(UriPartial.Path).ShouldBe(HubSpot.AuthorizeUrl.ToString());
        var query = QueryHelpers.ParseQuery(url.Query);
        query["client_id"].ToString().ShouldBe(DemoData.ClientId);
        query["redirect_uri"].ToString().ShouldBe(ApplicationFixture.HubSpotCallbackUrl);
        query["scope"].ToString().ShouldBe("oauth");
        query["optional_scope"].ToString().ShouldBe("crm.objects.contacts.read");
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["code_challenge"].ToString().ShouldNotBeNullOrEmpty();
        query["state"].ToString().ShouldNotBeNullOrEmpty();
        url.Query.ShouldNotContain(DemoData.ClientSecret);
    }

    [Fact]
    public async Task Super_admin_connects_the_portal_introspection_names_with_tokens_stored_encrypted()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var completed = await _flow.ConnectAsync(admin, HubSpot.Demo.Admin);

        completed.IsSuccess.ShouldBeTrue(completed.Error?.Message);
        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        completed.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        completed.Value.Message.ShouldBe(
            "Connected HubSpot portal 12345678 as admin@acme-hubspot.example. Natero will complete the configuration."
        );
        var connection = (await App.SendAsync(new ListConnectionsQuery(), admin, TestUsers.DemoTenant)).Value.Items.ShouldHaveSingleItem();
        connection.Provider.ShouldBe("hubspot");
        connection.Environment.ShouldBe("Production");
        connection.SignInHost.ShouldBeNull();
        connection.ExternalOrgId.ShouldBe("12345678");
        connection.ExternalUserId.ShouldBe("1000001");
        connection.Username.ShouldBe("admin@acme-hubspot.example");
        connection.DisplayName.ShouldBe("acme-demo.hubspot.com");
        connection.AccountName.ShouldBe("acme-demo.hubspot.com");
        connection.AccountEdition.ShouldBe("STANDARD");
        connection.InstanceUrl.ShouldBe(HubSpot.ApiBaseUrl.ToString().TrimEnd('/'));
        connection.GrantedScopes.Split(' ').ShouldBe(["oauth", "crm.objects.contacts.read"], ignoreOrder: true);

        var stored = await App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().SingleAsync());
        stored.AccessTokenCiphertext.ShouldStartWith("v1.test1.");
        stored.RefreshTokenCiphertext.ShouldStartWith("v1.test1.");
        // expires_in counts down from 1800 seconds at HubSpot: the second the answer took may be gone.
        stored.AccessTokenExpiresAt!.Value.ShouldBe(stored.AccessTokenIssuedAt!.Value + TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(2));
        var protector = App.Services.GetRequiredService<ISecretProtector>();
        var accessToken = protector.Unprotect(stored.AccessTokenCiphertext!, SecretBinding.AccessToken(stored.TenantId, stored.Id))!;
        var refreshToken = protector.Unprotect(stored.RefreshTokenCiphertext!, SecretBinding.RefreshToken(stored.TenantId, stored.Id))!;
        HubSpot.IsTokenActive(accessToken).ShouldBeTrue();
        HubSpot.IsTokenActive(refreshToken).ShouldBeTrue();

        var exchange = HubSpot.RequestLog.Where(r => r.Path == TokenPath).ShouldHaveSingleItem();
        exchange.GrantType.ShouldBe("authorization_code");
        exchange.QueryString.ShouldBeEmpty();
        exchange.Form.Keys.ShouldBe(
            ["grant_type", "client_id", "client_secret", "redirect_uri", "code", "code_verifier"],
            ignoreOrder: true
        );
        HubSpot.RequestLog.Where(r => r.Path == IntrospectPath).ShouldAllBe(r => r.QueryString == string.Empty);
        App.Logs.Lines.ShouldNotContain(l => l.Contains(accessToken) || l.Contains(refreshToken) || l.Contains(DemoData.ClientSecret));
    }

    [Fact]
    public async Task A_consultant_in_two_portals_connects_the_one_chosen_on_hubspots_account_chooser()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var completed = await _flow.ConnectAsync(admin, HubSpot.Demo.Consultant, HubSpot.Demo.Globex.HubId);

        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        var connection = (await App.SendAsync(new ListConnectionsQuery(), admin, TestUsers.DemoTenant)).Value.Items.ShouldHaveSingleItem();
        connection.ExternalOrgId.ShouldBe("23456789");
        connection.AccountName.ShouldBe("globex-demo.hubspot.com");
        connection.Username.ShouldBe("consultant@acme-hubspot.example");
    }

    [Fact]
    public async Task A_user_without_the_crm_permission_connects_but_the_missing_scope_is_named_with_the_fix()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var completed = await _flow.ConnectAsync(admin, HubSpot.Demo.Limited);

        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        completed.Value.Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
        completed.Value.Message.ShouldContain("crm.objects.contacts.read");
        completed.Value.Message.ShouldContain("Super Admin");
        var connection = (await App.SendAsync(new ListConnectionsQuery(), admin, TestUsers.DemoTenant)).Value.Items.ShouldHaveSingleItem();
        connection.Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
        connection.LastErrorCode.ShouldBe("MISSING_SCOPES");
        connection.GrantedScopes.ShouldBe("oauth");
    }

    [Fact]
    public async Task Cancel_on_hubspots_page_never_comes_back_and_the_attempt_is_remembered_as_abandoned()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var started = await _flow.StartAsync(admin);

        var outcome = await HubSpotFlow.AtHubSpotAsync(started, HubSpot.Demo.Admin, ConsentDecision.Deny);

        outcome.Callback.ShouldBeNull();
        HubSpot.RequestLog.ShouldNotContain(r => r.Path == TokenPath);
        (await App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
        var abandoned = await App.SendAsync(new GetAbandonedAuthorizationQuery(), admin, TestUsers.DemoTenant);
        abandoned.Value.ShouldNotBeNull().Provider.ShouldBe("hubspot");
    }

    [Fact]
    public async Task Cancel_that_does_come_back_with_access_denied_connects_nothing_and_says_so()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        HubSpot.Settings.DenyRedirectsToCallback = true;
        try
        {
            var started = await _flow.StartAsync(admin);
            var outcome = await HubSpotFlow.AtHubSpotAsync(started, HubSpot.Demo.Admin, ConsentDecision.Deny);

            var completed = await _flow.CompleteAsync(HubSpotFlow.CallbackOf(started, outcome), admin);

            completed.Value.Connected.ShouldBeFalse();
            completed.Value.Message.ShouldBe("You chose Deny on the HubSpot page, so nothing was connected.");
            HubSpot.RequestLog.ShouldNotContain(r => r.Path == TokenPath);
            (await App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
        }
        finally
        {
            HubSpot.Settings.DenyRedirectsToCallback = false;
        }
    }

    [Fact]
    public async Task A_code_hubspot_refuses_at_the_token_endpoint_connects_nothing_and_says_start_again()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var started = await _flow.StartAsync(admin);
        var callback = HubSpotFlow.CallbackOf(started, await HubSpotFlow.AtHubSpotAsync(started, HubSpot.Demo.Admin));

        // Someone else presents the code first with a wrong verifier: HubSpot burns a code on a failed exchange.
        using (var http = new HttpClient())
        using (
            var burn = await http.PostAsync(
                HubSpot.TokenUrl,
                new FormUrlEncodedContent(
                    new Dictionary<string, string>
                    {
                        ["grant_type"] = "authorization_code",
                        ["client_id"] = DemoData.ClientId,
                        ["client_secret"] = DemoData.ClientSecret,
                        ["redirect_uri"] = ApplicationFixture.HubSpotCallbackUrl,
                        ["code"] = callback.Code!,
                        ["code_verifier"] = "not-the-verifier-natero-holds-for-this-attempt-000000",
                    }
                )
            )
        )
        {
            ((int)burn.StatusCode).ShouldBe(400);
        }

        var completed = await _flow.CompleteAsync(callback, admin);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldContain("HubSpot refused the authorization code");
        completed.Value.Message.ShouldContain("Start again.");
        (await App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_client_credentials_name_the_settings_to_check()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var started = await _flow.StartAsync(admin);
        var callback = HubSpotFlow.CallbackOf(started, await HubSpotFlow.AtHubSpotAsync(started, HubSpot.Demo.Admin));
        HubSpot.Faults.Inject(
            EmulatorEndpoint.Token,
            Fault.Respond(
                400,
                "application/json",
                """
                {
                  "status": "BAD_CLIENT_ID",
                  "message": "missing or unknown client id",
                  "correlationId": "c-1",
                  "category": "VALIDATION_ERROR",
                  "error": "invalid_client",
                  "error_description": "missing or unknown client id"
                }
                """
            )
        );

        var completed = await _flow.CompleteAsync(callback, admin);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldContain("HubSpot:ClientId and HubSpot:ClientSecret");
    }

    [Fact]
    public async Task Introspection_that_fails_connects_nothing()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var started = await _flow.StartAsync(admin);
        var callback = HubSpotFlow.CallbackOf(started, await HubSpotFlow.AtHubSpotAsync(started, HubSpot.Demo.Admin));
        HubSpot.Faults.Inject(EmulatorEndpoint.Introspect, Fault.ServerError(503));

        var completed = await _flow.CompleteAsync(callback, admin);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldContain("HubSpot could not say which portal");
        (await App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }
}
