using System.Net;

namespace Natero.Connectors.ZendeskEmulator.Tests;

public sealed class ApiTests : EmulatorTest
{
    public static TheoryData<string, string> Roles =>
        new()
        {
            { "admin@acme-zendesk.example", "admin" },
            { "agent@acme-zendesk.example", "agent" },
            { "enduser@acme-zendesk.example", "end-user" },
        };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Users_me_names_the_user_and_the_role(string email, string role)
    {
        var user = Emulator.FindUser(Demo.Acme, email).ShouldNotBeNull();
        var token = await ConnectAsync(user);

        var (status, body) = await SendAsync(HttpMethod.Get, Demo.Acme, "/api/v2/users/me", Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.OK);
        var me = body["user"]!;
        Field(me, "email").ShouldBe(email);
        Field(me, "role").ShouldBe(role);
        me["id"]!.GetValue<long>().ShouldBe(user.Id);
        me["active"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Users_me_without_credentials_is_the_anonymous_user()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, Demo.Acme, "/api/v2/users/me.json", accessToken: null);

        status.ShouldBe(HttpStatusCode.OK);
        body["user"]!["id"].ShouldBeNull();
    }

    [Fact]
    public async Task Bad_token_is_401_invalid_token()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, Demo.Acme, "/api/v2/users/me.json", "not-a-token");

        status.ShouldBe(HttpStatusCode.Unauthorized);
        Field(body, "error").ShouldBe("invalid_token");
        Field(body, "error_description").ShouldBe("The access token provided is expired, revoked, malformed or invalid for other reasons.");
    }

    [Fact]
    public async Task A_token_of_acme_is_unknown_on_globex()
    {
        var token = await ConnectAsync(user: null, DemoData.GlobalClientId, DemoData.GlobalClientSecret);

        var (status, _) = await SendAsync(HttpMethod.Get, Demo.Globex, "/api/v2/users/me", Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("admin@acme-zendesk.example")]
    [InlineData("agent@acme-zendesk.example")]
    public async Task Tickets_probe_works_for_admins_and_agents(string email)
    {
        var token = await ConnectAsync(Emulator.FindUser(Demo.Acme, email));

        var (status, body) = await SendAsync(HttpMethod.Get, Demo.Acme, "/api/v2/tickets.json?per_page=1", Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.OK);
        body["tickets"]!.AsArray().Count.ShouldBe(1);
        body["count"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task Tickets_probe_is_403_for_an_end_user()
    {
        var token = await ConnectAsync(Demo.EndUser);

        var (status, body) = await SendAsync(HttpMethod.Get, Demo.Acme, "/api/v2/tickets.json?per_page=1", Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.Forbidden);
        Field(body, "error").ShouldBe("Forbidden");
        Field(body, "description").ShouldStartWith("You do not have access to this page.");
    }

    [Fact]
    public async Task Suspending_a_user_ends_their_tokens()
    {
        var token = await ConnectAsync(Demo.Agent);

        Demo.Agent.Suspended = true;

        var (status, _) = await SendAsync(HttpMethod.Get, Demo.Acme, "/api/v2/users/me", Field(token, "access_token"));
        status.ShouldBe(HttpStatusCode.Unauthorized);
        Emulator.IsTokenActive(Field(token, "refresh_token")).ShouldBeFalse();
    }

    [Fact]
    public async Task Expire_all_access_tokens_keeps_refresh_tokens()
    {
        var token = await ConnectAsync();

        Emulator.ExpireAllAccessTokens();

        Emulator.IsTokenActive(Field(token, "access_token")).ShouldBeFalse();
        (await RefreshAsync(Field(token, "refresh_token"))).Status.ShouldBe(HttpStatusCode.Created);
    }
}
