using System.Net;

namespace Natero.Connectors.SalesforceEmulator.Tests;

public sealed class IdentityTests : EmulatorTest
{
    [Fact]
    public async Task Identity_url_describes_the_user_with_version_placeholders()
    {
        var token = await ConnectAsync();

        var (status, identity) = await GetJsonAsync(Field(token, "id"), Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.OK);
        Field(identity, "id").ShouldBe(Field(token, "id"));
        Field(identity, "user_id").ShouldBe(Demo.Admin.Id);
        Field(identity, "organization_id").ShouldBe(Demo.Acme.Id);
        Field(identity, "username").ShouldBe("admin@acme.example");
        Field(identity, "display_name").ShouldBe("Avery Admin");
        Field(identity, "email").ShouldBe("admin@acme.example");
        identity!["active"]!.GetValue<bool>().ShouldBeTrue();
        Field(identity, "user_type").ShouldBe("STANDARD");
        Field(identity, "language").ShouldBe("en_US");
        Field(identity, "locale").ShouldBe("en_US");
        identity["utcOffset"]!.GetValue<long>().ShouldBe(-28_800_000);
        identity["is_app_installed"]!.GetValue<bool>().ShouldBeTrue();
        Field(identity, "last_modified_date").ShouldBe("2026-01-15T10:00:00.000+0000");
        Field(identity["urls"], "rest").ShouldBe(Rest(token, "/services/data/v{version}/"));
        Field(identity["urls"], "sobjects").ShouldBe(Rest(token, "/services/data/v{version}/sobjects/"));
        Field(identity["urls"], "query").ShouldBe(Rest(token, "/services/data/v{version}/query/"));
        Field(identity["urls"], "custom_domain").ShouldBe(Field(token, "instance_url"));
    }

    [Fact]
    public async Task Identity_fills_in_the_version_when_asked()
    {
        var token = await ConnectAsync();

        var (_, identity) = await GetJsonAsync(Field(token, "id") + "?version=62.0", Field(token, "access_token"));

        Field(identity!["urls"], "rest").ShouldBe(Rest(token, "/services/data/v62.0/"));
    }

    [Theory]
    [InlineData("00D5g0000bogus!AQnope")]
    [InlineData(null)]
    public async Task Identity_answers_a_bad_token_with_plain_text_403(string? accessToken)
    {
        var token = await ConnectAsync();

        using var response = await GetAsync(Field(token, "id"), accessToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldBe("Bad_OAuth_Token");
    }

    [Fact]
    public async Task Identity_is_served_only_on_the_identity_host()
    {
        var token = await ConnectAsync();
        var path = new Uri(Field(token, "id")).AbsolutePath;

        using var onLogin = await GetAsync(new Uri(Emulator.BaseUrl, path).ToString(), Field(token, "access_token"));
        using var onInstance = await GetAsync(Field(token, "instance_url") + path, Field(token, "access_token"));

        onLogin.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        onInstance.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Userinfo_uses_OpenID_Connect_names()
    {
        var token = await ConnectAsync();

        var (status, userInfo) = await GetJsonAsync(
            Field(token, "instance_url") + "/services/oauth2/userinfo",
            Field(token, "access_token")
        );

        status.ShouldBe(HttpStatusCode.OK);
        Field(userInfo, "sub").ShouldBe(Field(token, "id"));
        Field(userInfo, "preferred_username").ShouldBe("admin@acme.example");
        Field(userInfo, "name").ShouldBe("Avery Admin");
        Field(userInfo, "given_name").ShouldBe("Avery");
        Field(userInfo, "family_name").ShouldBe("Admin");
        Field(userInfo, "organization_id").ShouldBe(Demo.Acme.Id);
    }

    [Fact]
    public async Task Discovery_document_lists_the_login_hosts_endpoints()
    {
        var (status, document) = await GetJsonAsync(
            new Uri(Emulator.SandboxLoginUrl, "/.well-known/openid-configuration").ToString(),
            accessToken: null
        );

        var origin = Emulator.SandboxLoginUrl.GetLeftPart(UriPartial.Authority);
        status.ShouldBe(HttpStatusCode.OK);
        Field(document, "issuer").ShouldBe(origin);
        Field(document, "authorization_endpoint").ShouldBe(origin + "/services/oauth2/authorize");
        Field(document, "token_endpoint").ShouldBe(origin + "/services/oauth2/token");
        Field(document, "revocation_endpoint").ShouldBe(origin + "/services/oauth2/revoke");
        Field(document, "introspection_endpoint").ShouldBe(origin + "/services/oauth2/introspect");
    }
}
