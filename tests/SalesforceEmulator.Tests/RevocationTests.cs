using System.Net;

namespace Natero.Connectors.SalesforceEmulator.Tests;

public sealed class RevocationTests : EmulatorTest
{
    [Fact]
    public async Task Revoking_a_refresh_token_kills_it_and_its_access_tokens()
    {
        var token = await ConnectAsync();
        var (_, refreshed) = await RefreshAsync(Field(token, "refresh_token"));

        var (status, _) = await Revoke(Field(token, "refresh_token"));

        status.ShouldBe(HttpStatusCode.OK);
        (await RefreshAsync(Field(token, "refresh_token"))).Status.ShouldBe(HttpStatusCode.BadRequest);
        using var first = await GetAsync(Rest(token), Field(token, "access_token"));
        using var second = await GetAsync(Rest(token), Field(refreshed, "access_token"));
        first.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        second.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoking_an_access_token_ends_that_session_only()
    {
        var token = await ConnectAsync();

        (await Revoke(Field(token, "access_token"))).Status.ShouldBe(HttpStatusCode.OK);

        Emulator.IsTokenActive(Field(token, "access_token")).ShouldBeFalse();
        (await RefreshAsync(Field(token, "refresh_token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_is_invalid_token()
    {
        var (status, body) = await Revoke("5Aep861unknown");

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "error").ShouldBe("invalid_token");
    }

    [Fact]
    public async Task Revoking_with_an_unknown_token_type_hint_is_unsupported_token_type()
    {
        var token = await ConnectAsync();

        var (status, body) = await Revoke(Field(token, "refresh_token"), hint: "authorization_code");

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "error").ShouldBe("unsupported_token_type");
    }

    [Fact]
    public async Task Introspection_tells_live_tokens_from_dead_ones()
    {
        var token = await ConnectAsync();

        var (_, live) = await Introspect(Field(token, "access_token"));
        var (_, refresh) = await Introspect(Field(token, "refresh_token"));
        await Revoke(Field(token, "refresh_token"));
        var (_, dead) = await Introspect(Field(token, "access_token"));

        live["active"]!.GetValue<bool>().ShouldBeTrue();
        Field(live, "username").ShouldBe("admin@acme.example");
        Field(live, "client_id").ShouldBe(DemoData.ClientId);
        Field(live, "sub").ShouldBe(Field(token, "id"));
        live["iat"]!.GetValue<long>().ShouldBe(Start.ToUnixTimeSeconds());
        live["exp"]!.GetValue<long>().ShouldBe(Start.AddHours(2).ToUnixTimeSeconds());
        Field(refresh, "token_type").ShouldBe("refresh_token");
        dead.ToJsonString().ShouldBe("""{"active":false}""");
    }

    [Fact]
    public async Task RevokeAllTokens_ends_every_approval()
    {
        var token = await ConnectAsync();

        Emulator.RevokeAllTokens();

        Emulator.IsTokenActive(Field(token, "access_token")).ShouldBeFalse();
        Emulator.IsTokenActive(Field(token, "refresh_token")).ShouldBeFalse();
    }

    private Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonObject Body)> Revoke(string token, string? hint = null)
    {
        var form = new Dictionary<string, string> { ["token"] = token };
        if (hint is not null)
        {
            form["token_type_hint"] = hint;
        }

        return PostFormAsync(new Uri(Emulator.BaseUrl, "/services/oauth2/revoke"), form);
    }

    private Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonObject Body)> Introspect(string token) =>
        PostFormAsync(
            new Uri(Emulator.BaseUrl, "/services/oauth2/introspect"),
            new Dictionary<string, string>
            {
                ["token"] = token,
                ["client_id"] = DemoData.ClientId,
                ["client_secret"] = DemoData.ClientSecret,
            }
        );
}
