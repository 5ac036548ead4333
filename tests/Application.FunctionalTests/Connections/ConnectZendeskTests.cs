using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Application.Connections.Queries.ListConnections;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.ZendeskEmulator;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>Connecting a Zendesk account through the mediator against the Zendesk emulator.</summary>
public sealed class ConnectZendeskTests(ApplicationFixture app) : FunctionalTest(app)
{
    private readonly ZendeskFlow _flow = new(app);

    private DemoData Zendesk => App.Zendesk.Demo;

    [Fact]
    public async Task Admin_connects_an_account_as_a_zendesk_admin_and_it_is_then_pending_configuration()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var completed = await _flow.ConnectAsync(admin, Zendesk.Admin);

        completed.IsSuccess.ShouldBeTrue(completed.Error?.Message);
        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        completed.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        completed.Value.Message.ShouldBe(
            $"Connected Zendesk account {Zendesk.Acme.Origin} as {Zendesk.Admin.Email}. Natero will complete the configuration."
        );
        var connection = (await App.SendAsync(new ListConnectionsQuery(), admin, TestUsers.DemoTenant)).Value.Items.ShouldHaveSingleItem();
        connection.Provider.ShouldBe("zendesk");
        connection.ExternalOrgId.ShouldBe(Zendesk.Acme.Origin);
        connection.Username.ShouldBe(Zendesk.Admin.Email);
        var stored = await App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().SingleAsync());
        stored.ExternalUserId.ShouldBe(Zendesk.Admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        stored.InstanceUrl.ShouldBe(Zendesk.Acme.Origin);
        stored.Site.ShouldBe(new SignInSite("Subdomain", Zendesk.Acme.Origin));
        stored.GrantedScopes.ShouldBe("read");
        stored.AccessTokenCiphertext.ShouldStartWith("v1.test1.");
        stored.RefreshTokenCiphertext.ShouldStartWith("v1.test1.");
        stored.AccessTokenExpiresAt.ShouldBe(stored.AccessTokenIssuedAt + TimeSpan.FromMinutes(30));

        var token = App.Zendesk.RequestLog.Single(r => r.Path == "/oauth/tokens");
        token.StatusCode.ShouldBe(201);
        token.Body["grant_type"].ShouldBe("authorization_code");
        token.Body["client_id"].ShouldBe(DemoData.ClientId);
        token.Body["redirect_uri"].ShouldBe(ApplicationFixture.ZendeskCallbackUrl);
        token.Body["code_verifier"].ShouldBe(RequestLog.Redacted);
        token.Body["scope"].ShouldBe("read");
        App.Zendesk.RequestLog.ShouldContain(r => r.Path == "/api/v2/tickets.json" && r.StatusCode == 200);
    }

    [Fact]
    public async Task An_agent_may_connect_too()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var completed = await _flow.ConnectAsync(admin, Zendesk.Agent);

        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        completed.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
    }

    [Fact]
    public async Task The_authorization_link_goes_to_the_accounts_own_host_with_pkce_and_the_read_scope()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var started = await App.SendAsync(
            new AuthorizeProviderCommand("zendesk", null, "https://ACME.zendesk.com/", null),
            admin,
            TestUsers.DemoTenant
        );

        started.IsSuccess.ShouldBeTrue(started.Error?.Message);
        var url = started.Value.AuthorizationUrl;
        url.GetLeftPart(UriPartial.Path).ShouldBe("https://acme.zendesk.com/oauth/authorizations/new");
        var query = QueryHelpers.ParseQuery(url.Query);
        query["response_type"].ToString().ShouldBe("code");
        query["client_id"].ToString().ShouldBe(DemoData.ClientId);
        query["redirect_uri"].ToString().ShouldBe(ApplicationFixture.ZendeskCallbackUrl);
        query["scope"].ToString().ShouldBe("read");
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["state"].ToString().ShouldNotBeNullOrEmpty();
        query["code_challenge"].ToString().Length.ShouldBe(43);
        var attempt = await App.QueryDbAsync(db => db.PendingAuthorizations.IgnoreQueryFilters().SingleAsync());
        attempt.Site.ShouldBe(new SignInSite("Subdomain", "acme.zendesk.com"));
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("acme.zendesk.com")]
    [InlineData("ACME.Zendesk.com")]
    [InlineData("https://acme.zendesk.com")]
    [InlineData(" acme.zendesk.com/ ")]
    public async Task What_an_admin_types_for_acme_becomes_acme_zendesk_com(string typed)
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var started = await App.SendAsync(new AuthorizeProviderCommand("zendesk", null, typed, null), admin, TestUsers.DemoTenant);

        started.IsSuccess.ShouldBeTrue(started.Error?.Message);
        started.Value.AuthorizationUrl.Host.ShouldBe("acme.zendesk.com");
        started.Value.AuthorizationUrl.Scheme.ShouldBe("https");
    }

    [Theory]
    [InlineData("evil.com", "is not a Zendesk host")]
    [InlineData("acme.zendesk.com.evil.com", "is not a Zendesk host")]
    [InlineData("https://evil.com", "is not a Zendesk host")]
    [InlineData("zendesk.com", "is not a Zendesk host")]
    [InlineData("10.0.0.8", "An IP address is not a Zendesk subdomain")]
    [InlineData("[::1]", "An IP address is not a Zendesk subdomain")]
    [InlineData("acme.zendesk.com@evil", "no user name")]
    [InlineData("user@acme.zendesk.com", "no user name")]
    [InlineData("https://acme.zendesk.com@evil.com", "no user name")]
    [InlineData("acme.zendesk.com.", "without the dot at the end")]
    [InlineData("acme.zendesk.com:8443", "without a port")]
    [InlineData("https://acme.zendesk.com:443", "without a port")]
    [InlineData("acme.zendesk.com/api/v2", "without a path or query")]
    [InlineData("acme.zendesk.com?next=evil.com", "without a path or query")]
    [InlineData("acme.zendesk.com#x", "without a path or query")]
    [InlineData("support.acme.zendesk.com", "the one word before .zendesk.com")]
    [InlineData("http://acme.zendesk.com", "over https only")]
    [InlineData("ftp://acme.zendesk.com", "over https only")]
    [InlineData("ac_me", "only letters, digits and hyphens")]
    [InlineData("-acme.zendesk.com", "only letters, digits and hyphens")]
    [InlineData("acme zendesk", "one word such as acme")]
    [InlineData("http://127.0.0.1:1/path", "without a path or query")]
    [InlineData("http://user@127.0.0.1:1", "no user name")]
    public async Task A_host_that_is_not_one_zendesk_subdomain_is_refused_before_any_request_leaves(string typed, string words)
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var started = await App.SendAsync(new AuthorizeProviderCommand("zendesk", null, typed, null), admin, TestUsers.DemoTenant);

        started.Error!.Kind.ShouldBe(ErrorKind.Validation);
        started.Error.Fields.ShouldContainKey("Host");
        started.Error.Fields["Host"].ShouldHaveSingleItem().ShouldContain(words);
        App.Zendesk.RequestLog.ShouldBeEmpty();
        (await App.QueryDbAsync(db => db.PendingAuthorizations.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5521")]
    [InlineData("http://localhost:5521")]
    [InlineData("https://[::1]:5521")]
    [InlineData("127.0.0.1")]
    [InlineData("evil.com")]
    [InlineData("acme.zendesk.com.evil.com")]
    [InlineData("acme.zendesk.com@evil")]
    [InlineData("user@acme.zendesk.com")]
    [InlineData("acme.zendesk.com.")]
    [InlineData("acme.zendesk.com:8443")]
    [InlineData("acme.zendesk.com/path?q=1")]
    [InlineData("support.acme.zendesk.com")]
    public async Task In_production_a_loopback_origin_and_every_other_trick_are_refused_without_a_request(string typed)
    {
        var handler = new NoRequestsHandler();
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Zendesk:ClientId"] = DemoData.ClientId,
                    ["Zendesk:ClientSecret"] = DemoData.ClientSecret,
                    ["Zendesk:CallbackUrl"] = ApplicationFixture.ZendeskCallbackUrl,
                }
            )
            .Build();
        services.AddSingleton<IConfiguration>(configuration).AddLogging().AddInfrastructure(configuration);
        services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => handler));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var zendesk = scope.ServiceProvider.GetRequiredService<IOAuthProviderRegistry>().Find("zendesk")!;

        var site = zendesk.ResolveSite(null, typed);
        var stored = zendesk.LoginUrl(new SignInSite("Subdomain", typed));

        site.Error!.Kind.ShouldBe(ErrorKind.Validation);
        site.Error.Fields["Host"].ShouldHaveSingleItem().ShouldNotBeNullOrWhiteSpace();
        stored.IsSuccess.ShouldBeFalse();
        handler.Requests.ShouldBe(0);
    }

    [Fact]
    public async Task An_empty_subdomain_asks_for_one()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var started = await App.SendAsync(new AuthorizeProviderCommand("zendesk", null, "  ", null), admin, TestUsers.DemoTenant);

        started.Error!.Fields["Host"].ShouldBe(["Enter your Zendesk subdomain, for example acme.zendesk.com."]);
    }

    [Fact]
    public async Task Deny_on_the_zendesk_page_connects_nothing()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var started = await _flow.StartAsync(admin, Zendesk.Acme);
        var callback = await ZendeskFlow.AtZendeskAsync(started, Zendesk.Admin, ConsentDecision.Deny);

        var completed = await _flow.CompleteAsync(callback, admin);

        callback.Error.ShouldBe("access_denied");
        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldBe("You chose Deny on the Zendesk page, so nothing was connected.");
        (await App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
        App.Zendesk.RequestLog.ShouldNotContain(r => r.Path == "/oauth/tokens");
    }

    [Fact]
    public async Task An_end_user_is_refused_with_fix_it_words_and_the_token_is_revoked_at_once()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var completed = await _flow.ConnectAsync(admin, Zendesk.EndUser);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldStartWith($"{Zendesk.EndUser.Email} is an end user in Zendesk");
        completed.Value.Message.ShouldContain("signed in as an admin or agent of the account");
        completed.Value.Message.ShouldContain("Admin Center > People");
        (await App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
        App.Zendesk.RequestLog.ShouldContain(r =>
            r.Method == "DELETE" && r.Path == "/api/v2/oauth/tokens/current.json" && r.StatusCode == 204
        );
        App.Zendesk.RequestLog.ShouldNotContain(r => r.Path == "/api/v2/tickets.json");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task A_suspended_or_inactive_user_is_refused_and_nothing_is_connected(bool suspended, bool active)
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var started = await _flow.StartAsync(admin, Zendesk.Acme);
        var callback = await ZendeskFlow.AtZendeskAsync(started, Zendesk.Agent);
        // Zendesk can suspend a user between the Allow page and Natero's question; users/me then says so.
        var (isActive, isSuspended) = (active ? "true" : "false", suspended ? "true" : "false");
        var user =
            $"{{\"id\":{Zendesk.Agent.Id},\"email\":\"{Zendesk.Agent.Email}\",\"role\":\"agent\","
            + $"\"active\":{isActive},\"suspended\":{isSuspended}}}";
        App.Zendesk.Faults.Inject(EmulatorEndpoint.CurrentUser, Fault.Respond(200, "application/json", $$"""{"user":{{user}}}"""));

        var completed = await _flow.CompleteAsync(callback, admin);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldStartWith($"{Zendesk.Agent.Email} is suspended or inactive in Zendesk");
        completed.Value.Message.ShouldContain("Admin Center > People");
        (await App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_code_that_expired_before_the_exchange_is_refused_with_words_to_start_again()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var started = await _flow.StartAsync(admin, Zendesk.Acme);
        var callback = await ZendeskFlow.AtZendeskAsync(started, Zendesk.Admin);
        App.Zendesk.Settings.AuthorizationCodeLifetime = TimeSpan.Zero;

        var completed = await _flow.CompleteAsync(callback, admin);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldContain("Zendesk refused the authorization: the code expired");
        completed.Value.Message.ShouldContain("Start again.");
        App.Zendesk.RequestLog.Single(r => r.Path == "/oauth/tokens").StatusCode.ShouldBe(400);
    }

    [Fact]
    public async Task A_client_zendesk_does_not_know_is_named_with_the_settings_to_check()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var started = await _flow.StartAsync(admin, Zendesk.Acme);
        var callback = await ZendeskFlow.AtZendeskAsync(started, Zendesk.Admin);
        App.Zendesk.Faults.Inject(
            EmulatorEndpoint.Token,
            Fault.Respond(401, "application/json", """{"error":"invalid_client","error_description":"Client authentication failed."}""")
        );

        var completed = await _flow.CompleteAsync(callback, admin);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldContain("Zendesk:ClientId and Zendesk:ClientSecret");
        completed.Value.Message.ShouldContain("global OAuth client");
    }

    [Fact]
    public async Task Acmes_own_client_does_not_exist_on_another_account_whose_page_stops_there()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var started = await _flow.StartAsync(admin, Zendesk.Globex);

        var stopped = await Should.ThrowAsync<InvalidOperationException>(() => ZendeskFlow.AtZendeskAsync(started, Zendesk.GlobexAdmin));

        stopped.Message.ShouldContain("400");
        App.Zendesk.RequestLog.ShouldNotContain(r => r.Path == "/oauth/tokens");
        (await App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }

    /// <summary>The app's HTTP stack, with a handler that counts whatever would have left the machine.</summary>
    private sealed class NoRequestsHandler : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            throw new InvalidOperationException($"No request may leave for {request.RequestUri?.Host}.");
        }
    }
}
