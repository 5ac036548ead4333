using System.Net;
using System.Text.Json.Nodes;

namespace Natero.Connectors.SalesforceEmulator.Tests;

public sealed class RestApiTests : EmulatorTest
{
    [Fact]
    public async Task Version_list_needs_no_session()
    {
        var (status, versions) = await GetJsonAsync(
            Demo.Acme.MyDomainUrl.GetLeftPart(UriPartial.Authority) + "/services/data/",
            accessToken: null
        );

        status.ShouldBe(HttpStatusCode.OK);
        versions!.AsArray().Select(v => Field(v, "version")).ShouldContain("62.0");
    }

    [Fact]
    public async Task Resources_map_and_sobjects_answer_with_a_valid_session()
    {
        var token = await ConnectAsync();

        var (status, resources) = await GetJsonAsync(Rest(token), Field(token, "access_token"));
        var (_, sobjects) = await GetJsonAsync(Rest(token, "/services/data/v62.0/sobjects/"), Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.OK);
        Field(resources, "sobjects").ShouldBe("/services/data/v62.0/sobjects");
        Field(resources, "identity").ShouldBe(Field(token, "id"));
        sobjects!["sobjects"]!.AsArray().Select(s => Field(s, "name")).ShouldBe(["Account", "Contact"]);
    }

    [Fact]
    public async Task Query_returns_a_few_accounts()
    {
        var token = await ConnectAsync();

        var (status, result) = await GetJsonAsync(
            Rest(token, "/services/data/v62.0/query?q=SELECT+Id,+Name+FROM+Account+LIMIT+2"),
            Field(token, "access_token")
        );

        status.ShouldBe(HttpStatusCode.OK);
        result!["totalSize"]!.GetValue<int>().ShouldBe(2);
        var first = result["records"]![0]!;
        Field(first, "Name").ShouldBe("Burlington Textiles Corp of America");
        Field(first["attributes"], "type").ShouldBe("Account");
        Field(first, "Id").ShouldStartWith("001");
    }

    [Fact]
    public async Task Query_the_emulator_cannot_read_is_MALFORMED_QUERY()
    {
        var token = await ConnectAsync();

        var (status, errors) = await GetJsonAsync(
            Rest(token, "/services/data/v62.0/query?q=SELECT+Id+FROM+Account+WHERE+Name='x'"),
            Field(token, "access_token")
        );

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(errors![0], "errorCode").ShouldBe("MALFORMED_QUERY");
    }

    [Fact]
    public async Task Org_without_API_access_gets_API_DISABLED_FOR_ORG()
    {
        var token = await ConnectAsync(Demo.GlobexAdmin);

        await ShouldFail(token, HttpStatusCode.Forbidden, "API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization.");
    }

    [Fact]
    public async Task User_without_API_Enabled_gets_API_CURRENTLY_DISABLED()
    {
        var token = await ConnectAsync(Demo.NoApiUser);

        await ShouldFail(token, HttpStatusCode.Forbidden, "API_CURRENTLY_DISABLED", "API is disabled for this User");
    }

    [Fact]
    public async Task Some_orgs_report_a_user_without_API_Enabled_as_API_DISABLED_FOR_ORG()
    {
        Demo.Acme.ReportsUserApiDisabledAsOrgDisabled = true;
        var token = await ConnectAsync(Demo.NoApiUser);

        await ShouldFail(token, HttpStatusCode.Forbidden, "API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization.");
    }

    [Fact]
    public async Task Session_without_the_api_scope_is_not_valid_for_the_REST_API()
    {
        var token = await ConnectAsync(scope: "id refresh_token");

        await ShouldFail(token, HttpStatusCode.Unauthorized, "INVALID_SESSION_ID", "This session is not valid for use with the REST API");
    }

    [Fact]
    public async Task Unused_session_expires_after_the_session_timeout_and_refresh_brings_it_back()
    {
        Emulator.Settings.SessionTimeout = TimeSpan.FromMinutes(15);
        var token = await ConnectAsync();
        Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        await ShouldFail(token, HttpStatusCode.Unauthorized, "INVALID_SESSION_ID", "Session expired or invalid");
        using var identity = await GetAsync(Field(token, "id"), Field(token, "access_token"));
        (await identity.Content.ReadAsStringAsync(Cancel)).ShouldBe("Bad_OAuth_Token");

        var (_, refreshed) = await RefreshAsync(Field(token, "refresh_token"));
        using var retry = await GetAsync(Rest(token), Field(refreshed, "access_token"));
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Session_in_use_stays_alive_past_the_timeout()
    {
        Emulator.Settings.SessionTimeout = TimeSpan.FromMinutes(15);
        var token = await ConnectAsync();

        for (var i = 0; i < 3; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(10));
            using var response = await GetAsync(Rest(token), Field(token, "access_token"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task ExpireAllAccessTokens_ends_every_session_but_not_the_refresh_tokens()
    {
        var token = await ConnectAsync();

        Emulator.ExpireAllAccessTokens();

        await ShouldFail(token, HttpStatusCode.Unauthorized, "INVALID_SESSION_ID", "Session expired or invalid");
        (await RefreshAsync(Field(token, "refresh_token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Session_of_a_deactivated_user_is_invalid()
    {
        var token = await ConnectAsync();

        Demo.Admin.Active = false;

        await ShouldFail(token, HttpStatusCode.Unauthorized, "INVALID_SESSION_ID", "Session expired or invalid");
    }

    [Fact]
    public async Task Token_is_valid_only_on_its_own_orgs_instance()
    {
        var token = await ConnectAsync();

        using var response = await GetAsync(
            Demo.Globex.MyDomainUrl.GetLeftPart(UriPartial.Authority) + "/services/data/v62.0/",
            Field(token, "access_token")
        );

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Rest_is_not_served_on_the_login_host()
    {
        var token = await ConnectAsync();

        using var response = await GetAsync(new Uri(Emulator.BaseUrl, "/services/data/v62.0/").ToString(), Field(token, "access_token"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Usage_header_counts_the_orgs_calls()
    {
        var token = await ConnectAsync();
        Demo.Acme.DailyApiRequestLimit = 100;

        using var first = await GetAsync(Rest(token), Field(token, "access_token"));
        using var second = await GetAsync(Rest(token), Field(token, "access_token"));

        second.Headers.GetValues("Sforce-Limit-Info").Single().ShouldBe("api-usage=2/100");
    }

    private async Task ShouldFail(JsonObject token, HttpStatusCode status, string errorCode, string message)
    {
        var (actual, errors) = await GetJsonAsync(Rest(token), Field(token, "access_token"));
        actual.ShouldBe(status);
        errors!.ToJsonString().ShouldBe(new JsonArray(new JsonObject { ["message"] = message, ["errorCode"] = errorCode }).ToJsonString());
    }
}
