using System.Net;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.ApiKeys;

/// <summary>U1: the event of a new key names the key and says what it may do, until when, and what made it; never its secret.</summary>
public sealed class CreatedKeyAuditTests(NateroWebFactory factory) : ApiKeysWebTest(factory)
{
    [Fact]
    public async Task U1_a_tenant_key_made_by_a_key_is_recorded_with_its_scopes_expiry_and_parent()
    {
        var parent = await TenantKeyAsync(
            Factory,
            TestUsers.DemoTenant,
            TestUsers.DemoAdmin,
            Permissions.ApiKeys.Manage,
            Permissions.DataConnectors.View
        );
        using var client = Client(Factory, parent);

        using var response = await client.SendAsync(
            HttpMethod.Post,
            "/api/v1/api-keys",
            new
            {
                name = "nightly",
                scopes = new[] { Permissions.DataConnectors.View },
                expiresInDays = 7,
            }
        );

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var plaintext = (await response.JsonAsync()).GetProperty("plaintext").GetString()!;
        var stored = await Factory.StoredKeyAsync(plaintext);
        var created = (await Factory.AuditEventsAsync("api_key.created")).ShouldHaveSingleItem();
        created.Target.ShouldBe($"api_key:{stored.Id}");
        created.Outcome.ShouldBe(AuditOutcome.Success);
        created.TenantId.ShouldBe(stored.TenantId);
        var data = DataOf(created);
        data["scopes"].ShouldBe(Permissions.DataConnectors.View);
        ExpiryOf(data).ShouldBe(stored.ExpiresAt, TimeSpan.FromMilliseconds(1));
        data["parent_key_id"].ShouldBe((await Factory.StoredKeyAsync(parent)).Id.ToString());
        data["prefix"].ShouldBe(stored.Prefix);
        NoSecretIn(created, plaintext, stored.SecretHash);
    }

    [Fact]
    public async Task U1_a_platform_key_is_recorded_with_its_role_and_expiry_and_no_parent()
    {
        using var browser = await SignedInAs(TestUsers.PlatformAdmin);

        using var response = await CreatePlatformKeyAsync(browser, "Reporting", PlatformRoles.PlatformAuditor);

        var plaintext = PlaintextIn(await response.Content.ReadAsStringAsync())!;
        var stored = (await StoredKeysAsync()).ShouldHaveSingleItem();
        var created = (await Factory.AuditEventsAsync("platform_api_key.created")).ShouldHaveSingleItem();
        created.Target.ShouldBe($"api_key:{stored.Id}");
        created.TenantId.ShouldBeNull();
        var data = DataOf(created);
        data["scopes"].ShouldBe(PlatformRoles.PlatformAuditor);
        ExpiryOf(data).ShouldBe(stored.ExpiresAt, TimeSpan.FromMilliseconds(1));
        data["parent_key_id"].ShouldBeNull();
        NoSecretIn(created, plaintext, stored.SecretHash);
    }

    private static DateTimeOffset ExpiryOf(Dictionary<string, string?> data) =>
        DateTimeOffset.Parse(data["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture);

    private static void NoSecretIn(AuditEvent e, string plaintext, string hash)
    {
        var whole = string.Join('|', e.Target, e.Reason, e.Data, e.ActorName);
        whole.ShouldNotContain(plaintext[ApiKeySecret.DisplayPrefixLength..], Case.Sensitive, "the key's secret");
        whole.ShouldNotContain(hash, Case.Insensitive, "the key's hash");
    }
}
