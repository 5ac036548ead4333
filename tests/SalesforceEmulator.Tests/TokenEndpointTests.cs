using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Natero.Connectors.SalesforceEmulator.Tests;

public sealed partial class TokenEndpointTests : EmulatorTest
{
    [Fact]
    public async Task Token_response_has_Salesforce_shape_and_no_expires_in()
    {
        var token = await ConnectAsync();

        token
            .Select(p => p.Key)
            .ShouldBe(["access_token", "refresh_token", "signature", "scope", "instance_url", "id", "token_type", "issued_at"]);
        Field(token, "access_token").ShouldMatch(AccessTokenShape().ToString());
        Field(token, "access_token").ShouldStartWith(Demo.Acme.Id[..15] + "!AQ");
        Field(token, "token_type").ShouldBe("Bearer");
        Field(token, "scope").ShouldBe(DefaultScope);
        Field(token, "id").ShouldEndWith($"/id/{Demo.Acme.Id}/{Demo.Admin.Id}");
        token.ContainsKey("expires_in").ShouldBeFalse();
    }

    [Fact]
    public async Task Issued_at_is_milliseconds_since_the_epoch_as_a_string()
    {
        Time.Advance(TimeSpan.FromMilliseconds(123));

        var token = await ConnectAsync();

        token["issued_at"]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.String);
        Field(token, "issued_at").ShouldBe((Start.ToUnixTimeMilliseconds() + 123).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Signature_is_hmac_sha256_of_id_and_issued_at_keyed_with_the_client_secret()
    {
        var token = await ConnectAsync();

        Field(token, "signature").ShouldBe(ExpectedSignature(token));
    }

    [Fact]
    public async Task Login_identity_and_instance_are_different_origins()
    {
        var token = await ConnectAsync();

        var origins = new[] { Emulator.BaseUrl, new Uri(Field(token, "id")), new Uri(Field(token, "instance_url")) }
            .Select(u => u.GetLeftPart(UriPartial.Authority))
            .ToList();
        origins.Distinct().Count().ShouldBe(3);
        origins.ShouldAllBe(o => o.StartsWith("http://127.0.0.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Code_cannot_be_exchanged_twice()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);
        (await ExchangeAsync(code, pkce)).Status.ShouldBe(HttpStatusCode.OK);

        var (status, body) = await ExchangeAsync(code, pkce);

        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeError(body, "invalid_grant", "expired authorization code");
    }

    [Fact]
    public async Task Wrong_code_verifier_is_refused_and_burns_the_code()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);

        var (status, body) = await ExchangeAsync(code, Pkce.New());
        var (retryStatus, retry) = await ExchangeAsync(code, pkce);

        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeError(body, "invalid_grant", "invalid code verifier");
        retryStatus.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeError(retry, "invalid_grant", "expired authorization code");
    }

    [Fact]
    public async Task Code_expires_after_fifteen_minutes()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);
        Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var (_, body) = await ExchangeAsync(code, pkce);

        ShouldBeError(body, "invalid_grant", "expired authorization code");
    }

    [Fact]
    public async Task Code_is_redeemable_only_at_the_login_host_that_issued_it()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);

        var (status, body) = await ExchangeAsync(code, pkce, login: Demo.Acme.MyDomainUrl);

        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeError(body, "invalid_grant", "expired authorization code");
    }

    [Fact]
    public async Task Client_credentials_are_checked_before_the_code()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);

        var (_, wrongSecret) = await ExchangeAsync(code, pkce, clientSecret: "wrong");
        var (_, noSecret) = await ExchangeAsync(code, pkce, clientSecret: null);
        var (_, unknownClient) = await PostFormAsync(
            new Uri(Emulator.BaseUrl, "/services/oauth2/token"),
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["client_id"] = "nobody",
            }
        );

        ShouldBeError(wrongSecret, "invalid_client", "invalid client credentials");
        ShouldBeError(noSecret, "invalid_client", "invalid client credentials");
        ShouldBeError(unknownClient, "invalid_client_id", "client identifier invalid");
        (await ExchangeAsync(code, pkce)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Secret_may_be_left_out_when_the_app_does_not_require_it()
    {
        Demo.App.RequireSecret = false;
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);

        (await ExchangeAsync(code, pkce, clientSecret: null)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Redirect_uri_other_than_at_authorize_is_redirect_uri_mismatch()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);

        var (_, body) = await ExchangeAsync(code, pkce, redirectUri: "http://localhost:5080/elsewhere");

        ShouldBeError(body, "redirect_uri_mismatch", "redirect_uri must match configuration");
    }

    [Fact]
    public async Task Unknown_grant_type_is_unsupported_grant_type()
    {
        var (status, body) = await PostFormAsync(
            new Uri(Emulator.BaseUrl, "/services/oauth2/token"),
            new Dictionary<string, string> { ["grant_type"] = "password", ["client_id"] = DemoData.ClientId }
        );

        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeError(body, "unsupported_grant_type", "grant type not supported");
    }

    [Theory]
    [InlineData("api id", false)]
    [InlineData("api refresh_token", true)]
    [InlineData("api offline_access", true)]
    public async Task Refresh_token_comes_only_with_the_refresh_token_or_offline_access_scope(string scope, bool expected)
    {
        var token = await ConnectAsync(scope: scope);

        token.ContainsKey("refresh_token").ShouldBe(expected);
        Field(token, "scope").ShouldBe(scope);
    }

    [Fact]
    public async Task Refresh_without_rotation_gives_a_new_access_token_and_no_refresh_token()
    {
        var token = await ConnectAsync();
        Time.Advance(TimeSpan.FromSeconds(5));

        var (status, refreshed) = await RefreshAsync(Field(token, "refresh_token"));

        status.ShouldBe(HttpStatusCode.OK);
        refreshed.Select(p => p.Key).ShouldBe(["access_token", "signature", "scope", "instance_url", "id", "token_type", "issued_at"]);
        Field(refreshed, "access_token").ShouldNotBe(Field(token, "access_token"));
        Field(refreshed, "signature").ShouldBe(ExpectedSignature(refreshed));
        (await RefreshAsync(Field(token, "refresh_token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_with_rotation_retires_the_previous_refresh_token()
    {
        Demo.App.RotateRefreshTokens = true;
        var token = await ConnectAsync();

        var (_, first) = await RefreshAsync(Field(token, "refresh_token"));
        var (oldStatus, old) = await RefreshAsync(Field(token, "refresh_token"));
        var (newStatus, _) = await RefreshAsync(Field(first, "refresh_token"));

        Field(first, "refresh_token").ShouldNotBe(Field(token, "refresh_token"));
        oldStatus.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeError(old, "invalid_grant", "expired access/refresh token");
        newStatus.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sixth_approval_revokes_the_oldest_refresh_token()
    {
        var tokens = new List<JsonObject>();
        for (var i = 0; i < 6; i++)
        {
            tokens.Add(await ConnectAsync());
        }

        var (_, oldest) = await RefreshAsync(Field(tokens[0], "refresh_token"));
        ShouldBeError(oldest, "invalid_grant", "expired access/refresh token");
        Emulator.IsTokenActive(Field(tokens[0], "access_token")).ShouldBeFalse();
        foreach (var token in tokens.Skip(1))
        {
            (await RefreshAsync(Field(token, "refresh_token"))).Status.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Refresh_is_refused_for_an_inactive_user_or_org()
    {
        var token = await ConnectAsync();

        Demo.Admin.Active = false;
        var (_, user) = await RefreshAsync(Field(token, "refresh_token"));
        Demo.Admin.Active = true;
        Demo.Acme.Active = false;
        var (_, org) = await RefreshAsync(Field(token, "refresh_token"));

        ShouldBeError(user, "invalid_grant", "inactive user");
        ShouldBeError(org, "invalid_grant", "inactive organization");
    }

    [Fact]
    public async Task Refresh_token_expires_after_the_apps_lifetime()
    {
        Demo.App.RefreshTokenLifetime = TimeSpan.FromDays(1);
        var token = await ConnectAsync();
        Time.Advance(TimeSpan.FromDays(1));

        var (_, body) = await RefreshAsync(Field(token, "refresh_token"));

        ShouldBeError(body, "invalid_grant", "expired access/refresh token");
    }

    [Fact]
    public async Task Refresh_token_of_a_sandbox_org_is_refused_at_the_production_login_host()
    {
        var token = await ConnectAsync(Demo.SandboxAdmin, login: Emulator.SandboxLoginUrl);

        var (_, production) = await RefreshAsync(Field(token, "refresh_token"), Emulator.ProductionLoginUrl);
        var (sandboxStatus, _) = await RefreshAsync(Field(token, "refresh_token"), Emulator.SandboxLoginUrl);

        ShouldBeError(production, "invalid_grant", "expired access/refresh token");
        sandboxStatus.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Openid_scope_adds_an_id_token_signed_with_the_published_key()
    {
        var token = await ConnectAsync(scope: "api openid");
        var parts = Field(token, "id_token").Split('.');
        var (_, jwks) = await GetJsonAsync(new Uri(Emulator.BaseUrl, "/id/keys").ToString(), accessToken: null);
        var key = jwks!["keys"]![0]!;
        using var rsa = RSA.Create(
            new RSAParameters { Modulus = FromBase64Url(Field(key, "n")), Exponent = FromBase64Url(Field(key, "e")) }
        );

        rsa.VerifyData(
                Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"),
                FromBase64Url(parts[2]),
                HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1
            )
            .ShouldBeTrue();
        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!;
        Field(claims, "aud").ShouldBe(DemoData.ClientId);
        Field(claims, "sub").ShouldBe(Field(token, "id"));
    }

    private static string ExpectedSignature(JsonObject token) =>
        Convert.ToBase64String(
            HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(DemoData.ClientSecret),
                Encoding.UTF8.GetBytes(Field(token, "id") + Field(token, "issued_at"))
            )
        );

    private static void ShouldBeError(JsonObject body, string error, string description)
    {
        body.Select(p => p.Key).ShouldBe(["error", "error_description"]);
        Field(body, "error").ShouldBe(error);
        Field(body, "error_description").ShouldBe(description);
    }

    private static byte[] FromBase64Url(string value)
    {
        var base64 = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    [GeneratedRegex(@"^00D[A-Za-z0-9]{12}![A-Za-z0-9._]+$")]
    private static partial Regex AccessTokenShape();
}
