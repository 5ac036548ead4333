using System.Net;

namespace Natero.Connectors.HubSpotEmulator.Tests;

public sealed class TokenEndpointTests : EmulatorTest
{
    [Fact]
    public async Task Code_exchange_answers_with_tokens_that_expire_in_30_minutes_and_the_account()
    {
        var token = await ConnectAsync();

        token
            .Select(p => p.Key)
            .ShouldBe(
                ["token_type", "refresh_token", "access_token", "expires_in", "token_use", "hub_id", "user_id", "scopes"],
                ignoreOrder: true
            );
        Field(token, "token_type").ShouldBe("bearer");
        Number(token, "expires_in").ShouldBe(1800);
        Field(token, "token_use").ShouldBe("access_token");
        Number(token, "hub_id").ShouldBe(12345678);
        Number(token, "user_id").ShouldBe(Demo.Admin.UserId);
        Strings(token, "scopes").ShouldBe(["oauth", "crm.objects.contacts.read"]);
        Field(token, "access_token").Length.ShouldBeLessThanOrEqualTo(300);
        Field(token, "refresh_token").ShouldStartWith("na1-");
    }

    [Fact]
    public async Task The_date_versioned_path_works_like_v3()
    {
        var code = await AuthorizeAsync();

        var (status, body) = await PostFormAsync(
            new Uri(Emulator.BaseUrl, "oauth/2026-03/token"),
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["client_id"] = DemoData.ClientId,
                ["client_secret"] = DemoData.ClientSecret,
                ["redirect_uri"] = Callback,
                ["code"] = code,
            }
        );

        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldContainKey("access_token");
    }

    [Fact]
    public async Task A_code_works_once()
    {
        var code = await AuthorizeAsync();
        (await ExchangeAsync(code)).Status.ShouldBe(HttpStatusCode.OK);

        var (status, body) = await ExchangeAsync(code);

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "status").ShouldBe("BAD_AUTH_CODE");
        Field(body, "error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task A_code_expires_after_ten_minutes()
    {
        var code = await AuthorizeAsync();
        Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var (status, body) = await ExchangeAsync(code);

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "status").ShouldBe("BAD_AUTH_CODE");
    }

    [Fact]
    public async Task Errors_have_hubspots_fields_and_the_standard_oauth_fields()
    {
        var (status, body) = await ExchangeAsync("na1-unknown");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Select(p => p.Key)
            .ShouldBe(["status", "message", "correlationId", "category", "error", "error_description"], ignoreOrder: true);
        Field(body, "message").ShouldBe("missing or unknown auth code");
        Field(body, "error_description").ShouldBe(Field(body, "message"));
        Field(body, "category").ShouldBe("VALIDATION_ERROR");
        Guid.TryParse(Field(body, "correlationId"), out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_redirect_uri_must_match_the_authorization()
    {
        var code = await AuthorizeAsync();

        var (status, body) = await ExchangeAsync(code, redirectUri: "http://localhost:5000/elsewhere");

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "status").ShouldBe("BAD_REDIRECT_URI");
    }

    [Fact]
    public async Task An_unknown_client_id_is_refused()
    {
        var code = await AuthorizeAsync();

        var (status, body) = await ExchangeAsync(code, clientId: "not-an-app");

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "status").ShouldBe("BAD_CLIENT_ID");
        Field(body, "error").ShouldBe("invalid_client");
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused()
    {
        var code = await AuthorizeAsync();

        var (status, body) = await ExchangeAsync(code, clientSecret: "wrong");

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "status").ShouldBe("BAD_CLIENT_SECRET");
        Field(body, "error").ShouldBe("invalid_client");
    }

    [Fact]
    public async Task With_pkce_the_right_verifier_is_needed()
    {
        var pkce = Pkce.New();
        var withoutVerifier = await AuthorizeAsync(pkce: pkce);
        var withWrongVerifier = await AuthorizeAsync(pkce: pkce);
        var withVerifier = await AuthorizeAsync(pkce: pkce);

        var missing = await ExchangeAsync(withoutVerifier);
        var wrong = await ExchangeAsync(withWrongVerifier, Pkce.New());
        var right = await ExchangeAsync(withVerifier, pkce);

        missing.Status.ShouldBe(HttpStatusCode.BadRequest);
        Field(missing.Body, "message").ShouldBe("code_verifier does not match the code challenge");
        wrong.Status.ShouldBe(HttpStatusCode.BadRequest);
        right.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_challenge_no_verifier_is_asked_for()
    {
        var code = await AuthorizeAsync();

        (await ExchangeAsync(code)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_returns_a_new_access_token_and_the_same_refresh_token()
    {
        var token = await ConnectAsync();
        Time.Advance(TimeSpan.FromMinutes(45));

        var (status, refreshed) = await RefreshAsync(Field(token, "refresh_token"));

        status.ShouldBe(HttpStatusCode.OK);
        Field(refreshed, "refresh_token").ShouldBe(Field(token, "refresh_token"));
        Field(refreshed, "access_token").ShouldNotBe(Field(token, "access_token"));
        Number(refreshed, "expires_in").ShouldBe(1800);
        Emulator.IsTokenActive(Field(refreshed, "access_token")).ShouldBeTrue();
        Emulator.IsTokenActive(Field(token, "access_token")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_refresh_token_stays_valid_for_months()
    {
        var token = await ConnectAsync();
        Time.Advance(TimeSpan.FromDays(180));

        (await RefreshAsync(Field(token, "refresh_token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_refresh_token_is_refused()
    {
        var (status, body) = await RefreshAsync("na1-0000-0000-0000-0000-000000000000");

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "status").ShouldBe("BAD_REFRESH_TOKEN");
        Field(body, "message").ShouldBe("missing or invalid refresh token");
        Field(body, "error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task An_unknown_grant_type_is_refused()
    {
        var (status, body) = await PostFormAsync(
            Emulator.TokenUrl,
            new Dictionary<string, string> { ["grant_type"] = "password", ["client_id"] = DemoData.ClientId }
        );

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "status").ShouldBe("BAD_GRANT_TYPE");
        Field(body, "error").ShouldBe("unsupported_grant_type");
    }

    [Fact]
    public async Task Parameters_in_the_query_string_instead_of_the_body_are_not_read()
    {
        var code = await AuthorizeAsync();
        var url =
            $"{Emulator.TokenUrl}?grant_type=authorization_code&client_id={DemoData.ClientId}&client_secret={DemoData.ClientSecret}"
            + $"&redirect_uri={Uri.EscapeDataString(Callback)}&code={code}";

        var (status, body) = await PostFormAsync(new Uri(url), new Dictionary<string, string>());

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(body, "status").ShouldBe("BAD_GRANT_TYPE");
    }
}
