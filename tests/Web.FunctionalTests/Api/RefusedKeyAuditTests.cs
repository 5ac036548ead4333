using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Audit;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>U3: refused API keys are audited, aggregated per prefix, address, reason and minute: a flood cannot flood the trail.</summary>
public sealed class RefusedKeyAuditTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string Address = "203.0.113.77";

    [Fact]
    public async Task U3_two_hundred_garbage_keys_from_one_address_become_a_handful_of_events_that_count_them_all()
    {
        await using var host = Factory.WithSettings(("RateLimits:PerAddress:PermitLimit", "1000"));
        var presented = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var garbage = ApiKeySecret.Prefix + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 49);
            presented.Add(garbage);
            using var client = Client(host, garbage);
            using var response = await client.GetFromAsync("/api/v1/connections", Address);
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "invalid_api_key");
        }

        await host.Services.GetRequiredService<ApiKeyRefusalWriter>().FlushAsync(TestContext.Current.CancellationToken);

        var events = await Factory.AuditEventsAsync(ApiKeyRefusalWriter.Action);
        events.Count.ShouldBeInRange(1, 2, "one window of one prefix, address and reason: its first refusal and the rest");
        events.ShouldAllBe(e => e.Outcome == AuditOutcome.Denied && e.TenantId == null && e.Target == null);
        events.ShouldAllBe(e => e.Reason == "invalid_api_key");
        var data = events.Select(DataOf).ToList();
        data.ShouldAllBe(d => d["prefix"] == "malformed" && d["client_address"] == Address);
        data.Sum(d => int.Parse(d["count"]!, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(200);
        foreach (var text in presented.Take(20))
        {
            var secret = text[ApiKeySecret.DisplayPrefixLength..];
            (await Factory.StoredValuesContainingAsync(secret)).ShouldBeEmpty("a presented key is stored nowhere");
        }
    }

    [Fact]
    public async Task U3_a_revoked_keys_refusal_is_recorded_with_its_prefix_in_its_tenants_chain()
    {
        var key = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View);
        var stored = await Factory.StoredKeyAsync(key);
        await Factory.DbAsync(db =>
            db.ApiKeys.Where(k => k.Id == stored.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTimeOffset.UtcNow))
        );
        using var client = Client(Factory, key);

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/api/v1/connections");
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "api_key_revoked");
        }

        await Factory.Services.GetRequiredService<ApiKeyRefusalWriter>().FlushAsync(TestContext.Current.CancellationToken);

        var events = await Factory.AuditEventsAsync(ApiKeyRefusalWriter.Action);
        events.Count.ShouldBeInRange(1, 2);
        events.ShouldAllBe(e => e.Target == $"api_key:{stored.Id}" && e.TenantId == stored.TenantId && e.Reason == "api_key_revoked");
        events.Select(DataOf).ShouldAllBe(d => d["prefix"] == stored.Prefix);
        events.Select(DataOf).Sum(d => int.Parse(d["count"]!, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(3);
        var secret = key[ApiKeySecret.DisplayPrefixLength..];
        events.ShouldAllBe(e => !e.Data!.Contains(secret, StringComparison.Ordinal));
    }
}
