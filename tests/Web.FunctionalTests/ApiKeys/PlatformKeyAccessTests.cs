using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.ApiKeys;

/// <summary>A3, A4: a key does what its role allows, for as long as its creator may; a lockout stops passwords, not keys.</summary>
public sealed class PlatformKeyAccessTests(NateroWebFactory factory) : ApiKeysWebTest(factory)
{
    [Fact]
    public async Task A3_an_auditor_key_made_by_a_platform_admin_reads_the_audit_trail_and_cannot_act()
    {
        using var browser = await SignedInAs(TestUsers.PlatformAdmin);
        using var created = await CreatePlatformKeyAsync(browser, "Reporting", PlatformRoles.PlatformAuditor);
        var key = PlaintextIn(await created.Content.ReadAsStringAsync()) ?? throw new ShouldAssertException("no key on the page");
        using var client = Client(Factory, key);

        using var read = await client.GetAsync("/api/v1/platform/audit-events");
        read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync());

        var suspend = $"/api/v1/platform/connections/{Guid.NewGuid()}/suspend";
        using var act = await client.SendAsync(HttpMethod.Post, suspend, new { reason = "auditor" });
        await act.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A4_locking_the_creator_out_stops_their_password_but_not_their_keys()
    {
        var tenantKey = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View);
        var platformKey = await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAdmin);

        foreach (var email in new[] { TestUsers.DemoAdmin, TestUsers.PlatformAdmin })
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            for (var i = 0; i < 5; i++)
            {
                await users.AccessFailedAsync(user);
            }

            (await users.IsLockedOutAsync(user)).ShouldBeTrue($"{email} is locked out after five failures");
        }

        using (var tenant = Client(Factory, tenantKey))
        using (var response = await tenant.GetAsync("/api/v1/connections"))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        using var platform = Client(Factory, platformKey);
        using var tenants = await platform.GetAsync("/api/v1/platform/tenants");
        tenants.StatusCode.ShouldBe(HttpStatusCode.OK, await tenants.Content.ReadAsStringAsync());
    }
}
