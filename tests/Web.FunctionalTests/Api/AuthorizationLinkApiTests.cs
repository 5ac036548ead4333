using System.Net;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>POST /connections/authorizations: a single-use link into the key's tenant that a person opens to connect.</summary>
public sealed class AuthorizationLinkApiTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string Path = "/api/v1/connections/authorizations";

    [Fact]
    public async Task A_link_is_made_for_the_keys_tenant_valid_30_minutes_and_opens_the_connect_page()
    {
        using var client = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.Configure)
        );

        using var response = await client.SendAsync(
            HttpMethod.Post,
            Path,
            new
            {
                provider = "salesforce",
                environment = "Sandbox",
                returnUrl = "/t/demo",
            }
        );

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.JsonAsync();
        var url = new Uri(body.GetProperty("authorizationUrl").GetString()!);
        url.GetLeftPart(UriPartial.Authority).ShouldBe(new Uri(NateroWebFactory.CallbackUrl).GetLeftPart(UriPartial.Authority));
        url.AbsolutePath.ShouldStartWith("/t/demo/connect/");
        var token = url.AbsolutePath["/t/demo/connect/".Length..];
        token.Length.ShouldBe(43);
        body.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(DateTimeOffset.UtcNow.AddMinutes(30), TimeSpan.FromMinutes(1));

        var link = await Factory.DbAsync(db => db.AuthorizationLinks.IgnoreQueryFilters().AsNoTracking().SingleAsync());
        link.Id.ShouldBe(body.GetProperty("id").GetGuid());
        link.UsedAt.ShouldBeNull();
        (await Factory.StoredValuesContainingAsync(token)).ShouldBeEmpty("only the token's hash is kept");

        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var page = await browser.GetHtmlAsync(url.PathAndQuery);
        page.ShouldContain("Sandbox");
        (await Factory.DbAsync(db => db.AuthorizationLinks.IgnoreQueryFilters().AsNoTracking().SingleAsync())).UsedAt.ShouldBeNull(
            "opening the link does not use it up"
        );
    }

    [Fact]
    public async Task A_link_request_that_is_not_valid_is_a_validation_problem_naming_the_field()
    {
        using var client = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.Configure)
        );

        foreach (
            var (body, field) in new (object Body, string Field)[]
            {
                (new { provider = "salesforce", environment = "MyDomain" }, "myDomainHost"),
                (
                    new
                    {
                        provider = "salesforce",
                        environment = "Production",
                        returnUrl = "https://evil.example/",
                    },
                    "returnUrl"
                ),
                (
                    new
                    {
                        provider = "salesforce",
                        environment = "Production",
                        returnUrl = "//evil.example/",
                    },
                    "returnUrl"
                ),
                (new { provider = "nosuchcrm", environment = "Production" }, "provider"),
                (new { environment = "Production" }, "provider"),
            }
        )
        {
            using var response = await client.SendAsync(HttpMethod.Post, Path, body);
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"{field}: {problem}");
        }

        (await Factory.DbAsync(db => db.AuthorizationLinks.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }
}
