using System.Net;

namespace Natero.Connectors.HubSpotEmulator.Tests;

public sealed class IntrospectAndRevokeTests : EmulatorTest
{
    [Fact]
    public async Task Introspecting_an_access_token_names_the_account_the_user_and_the_scopes()
    {
        var token = await ConnectAsync();
        Time.Advance(TimeSpan.FromMinutes(10));

        var (status, body) = await IntrospectAsync(Field(token, "access_token"), "access_token");

        status.ShouldBe(HttpStatusCode.OK);
        body["active"]!.GetValue<bool>().ShouldBeTrue();
        Field(body, "token_use").ShouldBe("access_token");
        Number(body, "hub_id").ShouldBe(12345678);
        Field(body, "hub_domain").ShouldBe("acme-demo.hubspot.com");
        Field(body, "user").ShouldBe("admin@acme-hubspot.example");
        Number(body, "user_id").ShouldBe(Demo.Admin.UserId);
        Number(body, "app_id").ShouldBe(DemoData.AppId);
        Field(body, "client_id").ShouldBe(DemoData.ClientId);
        Strings(body, "scopes").ShouldBe(["oauth", "crm.objects.contacts.read"]);
        Number(body, "expires_in").ShouldBe(1200);
        body["signed_access_token"]!["hubId"]!.GetValue<long>().ShouldBe(12345678);
    }

    [Fact]
    public async Task Introspecting_a_refresh_token_names_the_account_without_an_expiry()
    {
        var token = await ConnectAsync(Demo.Consultant);

        var (_, body) = await IntrospectAsync(Field(token, "refresh_token"), "refresh_token");

        body["active"]!.GetValue<bool>().ShouldBeTrue();
        Field(body, "token_use").ShouldBe("refresh_token");
        Field(body, "user").ShouldBe(Demo.Consultant.Email);
        body.ShouldNotContainKey("expires_in");
    }

    [Fact]
    public async Task Unknown_expired_and_revoked_tokens_are_inactive()
    {
        var token = await ConnectAsync();
        Time.Advance(TimeSpan.FromMinutes(31));
        var second = await ConnectAsync();
        (await RevokeAsync(Field(second, "refresh_token"))).Status.ShouldBe(HttpStatusCode.NoContent);

        foreach (
            var inactive in new[] { "unknown", Field(token, "access_token"), Field(second, "refresh_token"), Field(second, "access_token") }
        )
        {
            var (status, body) = await IntrospectAsync(inactive);
            status.ShouldBe(HttpStatusCode.OK);
            body.Select(p => p.Key).ShouldBe(["active"]);
            body["active"]!.GetValue<bool>().ShouldBeFalse();
        }
    }

    [Fact]
    public async Task Introspection_needs_the_client_secret()
    {
        var token = await ConnectAsync();

        var (status, body) = await IntrospectAsync(Field(token, "access_token"), clientSecret: "wrong");

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "status").ShouldBe("BAD_CLIENT_SECRET");
    }

    [Fact]
    public async Task Revoking_a_refresh_token_ends_it_and_the_access_tokens_issued_from_it()
    {
        var token = await ConnectAsync();
        var (_, refreshed) = await RefreshAsync(Field(token, "refresh_token"));

        var (status, _) = await RevokeAsync(Field(token, "refresh_token"));

        status.ShouldBe(HttpStatusCode.NoContent);
        Emulator.IsTokenActive(Field(token, "refresh_token")).ShouldBeFalse();
        Emulator.IsTokenActive(Field(token, "access_token")).ShouldBeFalse();
        Emulator.IsTokenActive(Field(refreshed, "access_token")).ShouldBeFalse();
        Field((await RefreshAsync(Field(token, "refresh_token"))).Body, "status").ShouldBe("BAD_REFRESH_TOKEN");
        (await GetJsonAsync("crm/v3/objects/contacts?limit=1", Field(token, "access_token"))).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoking_can_be_switched_to_leave_access_tokens_alive_as_the_v1_delete_did()
    {
        Emulator.Settings.RevokeEndsAccessTokens = false;
        var token = await ConnectAsync();

        await RevokeAsync(Field(token, "refresh_token"));

        Emulator.IsTokenActive(Field(token, "refresh_token")).ShouldBeFalse();
        Emulator.IsTokenActive(Field(token, "access_token")).ShouldBeTrue();
    }

    [Fact]
    public async Task Revoking_an_unknown_token_answers_the_same_as_a_known_one()
    {
        var (status, body) = await RevokeAsync("na1-0000-0000-0000-0000-000000000000");

        status.ShouldBe(HttpStatusCode.NoContent);
        body.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Revoking_needs_the_client_secret_and_then_changes_nothing()
    {
        var token = await ConnectAsync();

        var (status, body) = await RevokeAsync(Field(token, "refresh_token"), clientSecret: "wrong");

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "status").ShouldBe("BAD_CLIENT_SECRET");
        Emulator.IsTokenActive(Field(token, "refresh_token")).ShouldBeTrue();
    }

    [Fact]
    public async Task Revoke_all_tokens_ends_every_install_as_an_uninstall_would()
    {
        var token = await ConnectAsync();

        Emulator.RevokeAllTokens();

        Emulator.IsTokenActive(Field(token, "refresh_token")).ShouldBeFalse();
        Emulator.IsTokenActive(Field(token, "access_token")).ShouldBeFalse();
        Field((await RefreshAsync(Field(token, "refresh_token"))).Body, "status").ShouldBe("BAD_REFRESH_TOKEN");
    }
}
