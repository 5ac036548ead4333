using System.Net;
using System.Text.Json.Nodes;

namespace Natero.Connectors.SalesforceEmulator.Tests;

public sealed class ReadinessTests : EmulatorTest
{
    private const string OrganizationQuery =
        "/services/data/v62.0/query?q=SELECT+Name,+OrganizationType,+IsSandbox,+InstanceName+FROM+Organization";

    [Fact]
    public async Task Organization_query_answers_the_orgs_name_edition_sandbox_flag_and_instance()
    {
        var token = await ConnectAsync();

        var (status, result) = await GetJsonAsync(Rest(token, OrganizationQuery), Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.OK);
        result!["totalSize"]!.GetValue<int>().ShouldBe(1);
        var org = result["records"]![0]!;
        Field(org["attributes"], "type").ShouldBe("Organization");
        Field(org, "Name").ShouldBe("Acme Corporation");
        Field(org, "OrganizationType").ShouldBe("Enterprise Edition");
        org["IsSandbox"]!.GetValue<bool>().ShouldBeFalse();
        Field(org, "InstanceName").ShouldBe("NA224");
    }

    [Fact]
    public async Task Sandbox_and_edition_are_the_orgs_own()
    {
        Demo.AcmeSandbox.Edition = "Developer Edition";
        var token = await ConnectAsync(Demo.SandboxAdmin, login: Emulator.SandboxLoginUrl);

        var (_, result) = await GetJsonAsync(Rest(token, OrganizationQuery), Field(token, "access_token"));

        var org = result!["records"]![0]!;
        org["IsSandbox"]!.GetValue<bool>().ShouldBeTrue();
        Field(org, "OrganizationType").ShouldBe("Developer Edition");
        Field(org, "InstanceName").ShouldBe("CS169");
    }

    [Fact]
    public async Task Unknown_organization_field_is_INVALID_FIELD()
    {
        var token = await ConnectAsync();

        var (status, errors) = await GetJsonAsync(
            Rest(token, "/services/data/v62.0/query?q=SELECT+Secret+FROM+Organization"),
            Field(token, "access_token")
        );

        status.ShouldBe(HttpStatusCode.BadRequest);
        Field(errors![0], "errorCode").ShouldBe("INVALID_FIELD");
    }

    [Fact]
    public async Task Limits_answer_the_daily_allowance_counting_this_call()
    {
        var token = await ConnectAsync();
        Demo.Acme.DailyApiRequestLimit = 1_000;
        Demo.Acme.SetApiRequestsUsed(905);

        using var response = await GetAsync(Rest(token, "/services/data/v62.0/limits"), Field(token, "access_token"));
        var limits = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        limits["DailyApiRequests"]!["Max"]!.GetValue<int>().ShouldBe(1_000);
        limits["DailyApiRequests"]!["Remaining"]!.GetValue<int>().ShouldBe(94);
        response.Headers.GetValues("Sforce-Limit-Info").Single().ShouldBe("api-usage=906/1000");
    }

    [Fact]
    public async Task Every_REST_answer_carries_the_usage_header_but_only_authenticated_calls_count()
    {
        var token = await ConnectAsync();
        var instance = Field(token, "instance_url");

        using var versions = await GetAsync(instance + "/services/data/", accessToken: null);
        using var unauthorized = await GetAsync(instance + "/services/data/v62.0/", "not-a-token");
        using var missing = await GetAsync(instance + "/services/data/v62.0/nothing-here", Field(token, "access_token"));

        versions.Headers.GetValues("Sforce-Limit-Info").Single().ShouldBe("api-usage=0/15000");
        unauthorized.Headers.GetValues("Sforce-Limit-Info").Single().ShouldBe("api-usage=0/15000");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Headers.GetValues("Sforce-Limit-Info").Single().ShouldBe("api-usage=1/15000");
        Demo.Acme.ApiRequestsUsed.ShouldBe(1);
    }

    [Fact]
    public async Task Calls_beyond_the_daily_allowance_are_REQUEST_LIMIT_EXCEEDED()
    {
        var token = await ConnectAsync();
        Demo.Acme.DailyApiRequestLimit = 10;
        Demo.Acme.SetApiRequestsUsed(10);

        var (status, errors) = await GetJsonAsync(Rest(token), Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.Forbidden);
        errors!
            .ToJsonString()
            .ShouldBe(
                new JsonArray(
                    new JsonObject { ["message"] = "TotalRequests Limit exceeded.", ["errorCode"] = "REQUEST_LIMIT_EXCEEDED" }
                ).ToJsonString()
            );
    }
}
