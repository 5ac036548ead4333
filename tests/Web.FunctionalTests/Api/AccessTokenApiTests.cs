using System.Net;
using System.Net.Http.Headers;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>
/// POST /connections/{id}/access-token hands automation a working token, to keys that may read credentials, and audits every call.
/// </summary>
public sealed class AccessTokenApiTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string Action = "connection.access_token_read";

    [Fact]
    public async Task Without_read_connector_credentials_the_token_is_refused_with_403()
    {
        var id = await Factory.AddConnectionAsync(TestUsers.DemoTenant, DateTimeOffset.UtcNow);
        var everythingElse = AllPermissions.Where(p => p != Permissions.DataConnectors.ReadCredentials).ToArray();
        using var client = Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, everythingElse));

        using var response = await client.PostAsync($"/api/v1/connections/{id}/access-token", null);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        problem.GetProperty("detail").GetString()!.ShouldContain("Read connector credentials");
        var events = await Factory.AuditEventsAsync(Action);
        events.ShouldAllBe(e => e.Outcome == AuditOutcome.Denied, "a refusal is recorded as denied, never as a read");
    }

    [Fact]
    public async Task The_token_works_at_salesforce_is_not_kept_by_caches_and_every_read_is_audited_without_the_token()
    {
        var id = await Factory.ConnectDemoAsync();
        using var client = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.ReadCredentials)
        );

        using var response = await client.PostAsync($"/api/v1/connections/{id}/access-token", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var body = await response.JsonAsync();
        var token = body.GetProperty("accessToken").GetString()!;
        var instanceUrl = new Uri(body.GetProperty("instanceUrl").GetString()!);
        token.ShouldNotBeNullOrWhiteSpace();

        using (var salesforce = new HttpClient())
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instanceUrl, "/services/data/v62.0/")))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var probe = await salesforce.SendAsync(request);
            probe.StatusCode.ShouldBe(HttpStatusCode.OK, "the token works at the emulator");
        }

        var read = (await Factory.AuditEventsAsync(Action)).ShouldHaveSingleItem();
        read.Outcome.ShouldBe(AuditOutcome.Success);
        read.Target.ShouldBe($"connection:{id}");
        read.ActorType.ShouldBe(ActorType.ApiKey);
        (read.Data ?? string.Empty).ShouldNotContain(token, Case.Sensitive);
        (read.Reason ?? string.Empty).ShouldNotContain(token, Case.Sensitive);
        (await Factory.StoredValuesContainingAsync(token, "AuditEvents")).ShouldBeEmpty("no audit event holds the token");
        Factory.Logs.Lines.Where(l => l.Contains(token, StringComparison.Ordinal)).ShouldBeEmpty("the token is logged nowhere");

        // Every read is recorded, and so is a refused one.
        using (var again = await client.PostAsync($"/api/v1/connections/{id}/access-token", null))
        {
            again.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var unknown = await client.PostAsync($"/api/v1/connections/{Guid.NewGuid()}/access-token", null);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var events = await Factory.AuditEventsAsync(Action);
        events.Count(e => e.Outcome == AuditOutcome.Success).ShouldBe(2);
        events.Count(e => e.Outcome == AuditOutcome.Failure).ShouldBe(1);
    }

    [Fact]
    public async Task A_read_retried_with_an_idempotency_key_is_audited_like_any_other()
    {
        var id = await Factory.ConnectDemoAsync();
        using var client = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.ReadCredentials)
        );
        KeyValuePair<string, string>[] idempotency = [new("Idempotency-Key", "read-1")];

        var handedOut = 0;
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.SendAsync(HttpMethod.Post, $"/api/v1/connections/{id}/access-token", headers: idempotency);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.JsonAsync()).GetProperty("accessToken").GetString().ShouldNotBeNullOrEmpty();
            handedOut++;
        }

        (await Factory.AuditEventsAsync(Action))
            .Count(e => e.Outcome == AuditOutcome.Success)
            .ShouldBe(handedOut, "every answer that carries a token is audited");
    }
}
