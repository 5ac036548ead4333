using System.Net;
using System.Net.Http.Json;

namespace Natero.Connectors.ZendeskEmulator.Tests;

public sealed class TokenEndpointTests : EmulatorTest
{
    [Fact]
    public async Task Expiring_client_gets_expires_in_and_a_refresh_token()
    {
        var token = await ConnectAsync();

        token["expires_in"]!.GetValue<long>().ShouldBe(1800);
        token["refresh_token_expires_in"]!.GetValue<long>().ShouldBe(2_592_000);
        Field(token, "refresh_token").ShouldNotBeNullOrEmpty();
        Field(token, "scope").ShouldBe("read");
    }

    [Fact]
    public async Task Legacy_client_gets_a_token_that_never_expires_and_no_refresh_token()
    {
        var token = await ConnectAsync(clientId: DemoData.LegacyClientId, secret: DemoData.LegacyClientSecret);

        token.ContainsKey("expires_in").ShouldBeFalse();
        token.ContainsKey("refresh_token").ShouldBeFalse();
        Time.Advance(TimeSpan.FromDays(400));
        var (status, _) = await SendAsync(HttpMethod.Get, Demo.Acme, "/api/v2/users/me", Field(token, "access_token"));
        status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Legacy_client_that_asks_for_expires_in_gets_an_expiring_token_with_a_refresh_token()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce, DemoData.LegacyClientId);

        var (status, token) = await ExchangeAsync(
            code,
            pkce,
            DemoData.LegacyClientId,
            DemoData.LegacyClientSecret,
            extra: new Dictionary<string, object> { ["expires_in"] = 600, ["refresh_token_expires_in"] = 604_800 }
        );

        status.ShouldBe(HttpStatusCode.Created);
        token["expires_in"]!.GetValue<long>().ShouldBe(600);
        token["refresh_token_expires_in"]!.GetValue<long>().ShouldBe(604_800);
    }

    [Fact]
    public async Task Expires_in_outside_the_documented_range_is_refused()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);

        var (status, body) = await ExchangeAsync(code, pkce, extra: new Dictionary<string, object> { ["expires_in"] = 60 });

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "error").ShouldBe("invalid_request");
    }

    [Fact]
    public async Task Access_token_stops_working_after_expires_in_and_refresh_rotates_both_tokens()
    {
        var token = await ConnectAsync();
        Time.Advance(TimeSpan.FromMinutes(31));
        var (expired, body) = await SendAsync(HttpMethod.Get, Demo.Acme, "/api/v2/users/me", Field(token, "access_token"));
        expired.ShouldBe(HttpStatusCode.Unauthorized);
        Field(body, "error").ShouldBe("invalid_token");

        var (status, refreshed) = await RefreshAsync(Field(token, "refresh_token"));

        status.ShouldBe(HttpStatusCode.Created);
        Field(refreshed, "refresh_token").ShouldNotBe(Field(token, "refresh_token"));
        Emulator.IsTokenActive(Field(token, "refresh_token")).ShouldBeFalse();
        Emulator.IsTokenActive(Field(refreshed, "access_token")).ShouldBeTrue();
        var (replay, replayBody) = await RefreshAsync(Field(token, "refresh_token"));
        replay.ShouldBe(HttpStatusCode.BadRequest);
        Field(replayBody, "error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task Refresh_rotation_also_ends_the_previous_access_token()
    {
        var token = await ConnectAsync();

        await RefreshAsync(Field(token, "refresh_token"));

        Emulator.IsTokenActive(Field(token, "access_token")).ShouldBeFalse();
    }

    [Fact]
    public async Task Refresh_token_expires_after_its_lifetime()
    {
        var token = await ConnectAsync();
        Time.Advance(TimeSpan.FromDays(31));

        var (status, body) = await RefreshAsync(Field(token, "refresh_token"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task Code_expires_after_120_seconds()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);
        Time.Advance(TimeSpan.FromSeconds(121));

        var (status, body) = await ExchangeAsync(code, pkce);

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "error").ShouldBe("invalid_grant");
        Field(body, "error_description").ShouldStartWith("The provided access grant is invalid, expired, or revoked");
    }

    [Fact]
    public async Task Code_at_119_seconds_still_works()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);
        Time.Advance(TimeSpan.FromSeconds(119));

        var (status, _) = await ExchangeAsync(code, pkce);

        status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Code_is_single_use()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);
        (await ExchangeAsync(code, pkce)).Status.ShouldBe(HttpStatusCode.Created);

        var (status, body) = await ExchangeAsync(code, pkce);

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task Wrong_code_verifier_is_invalid_grant_and_burns_the_code()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);

        (await ExchangeAsync(code, Pkce.New())).Status.ShouldBe(HttpStatusCode.BadRequest);

        (await ExchangeAsync(code, pkce)).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task With_pkce_the_client_secret_may_be_left_out()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);

        var (status, _) = await ExchangeAsync(code, pkce, secret: null);

        status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Without_pkce_the_client_secret_is_required()
    {
        var code = await AuthorizeAsync(Demo.Admin, pkce: null);

        var (status, body) = await ExchangeAsync(code, pkce: null, secret: null);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        Field(body, "error").ShouldBe("invalid_client");
    }

    [Fact]
    public async Task Wrong_secret_is_invalid_client()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);

        var (status, body) = await ExchangeAsync(code, pkce, secret: "wrong");

        status.ShouldBe(HttpStatusCode.Unauthorized);
        Field(body, "error").ShouldBe("invalid_client");
    }

    [Fact]
    public async Task Form_encoded_exchange_works_as_json_does()
    {
        var code = await AuthorizeAsync(Demo.Admin, pkce: null);

        var (status, token) = await PostFormAsync(
            Demo.Acme,
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["client_id"] = DemoData.ClientId,
                ["client_secret"] = DemoData.ClientSecret,
                ["redirect_uri"] = Callback,
            }
        );

        status.ShouldBe(HttpStatusCode.Created);
        Field(token, "access_token").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_code_of_acme_cannot_be_redeemed_on_globex_with_the_global_client()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce, DemoData.GlobalClientId);

        var (status, _) = await ExchangeAsync(code, pkce, DemoData.GlobalClientId, DemoData.GlobalClientSecret, Demo.Globex);

        status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Acme_client_at_globex_token_endpoint_is_invalid_client()
    {
        var (status, body) = await RefreshAsync("whatever");
        status.ShouldBe(HttpStatusCode.BadRequest);

        var (globexStatus, globexBody) = await PostJsonAsync(
            Demo.Globex,
            new Dictionary<string, object>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = "whatever",
                ["client_id"] = DemoData.ClientId,
                ["client_secret"] = DemoData.ClientSecret,
            }
        );

        Field(body, "error").ShouldBe("invalid_grant");
        globexStatus.ShouldBe(HttpStatusCode.Unauthorized);
        Field(globexBody, "error").ShouldBe("invalid_client");
    }

    [Fact]
    public async Task Unsupported_grant_type_is_refused()
    {
        var (status, body) = await PostJsonAsync(
            Demo.Acme,
            new Dictionary<string, object> { ["grant_type"] = "password", ["client_id"] = DemoData.ClientId }
        );

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "error").ShouldBe("unsupported_grant_type");
    }

    [Fact]
    public async Task Injected_server_error_answers_the_next_token_call_only()
    {
        var token = await ConnectAsync();
        Emulator.Faults.Inject(EmulatorEndpoint.Token, Fault.ServerError(503, TimeSpan.FromSeconds(5)));

        using var content = JsonContent.Create(
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = Field(token, "refresh_token"),
                ["client_id"] = DemoData.ClientId,
                ["client_secret"] = DemoData.ClientSecret,
            }
        );
        using var first = await Http.PostAsync(new Uri(Demo.Acme.BaseUrl, "/oauth/tokens"), content, Cancel);
        var (second, _) = await RefreshAsync(Field(token, "refresh_token"));

        first.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        first.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        second.ShouldBe(HttpStatusCode.Created);
        Emulator.RequestLog.Single(r => r.StatusCode == 503).Fault.ShouldNotBeNull();
    }
}
