using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>
/// A1: every endpoint of the app, pages included, is in one table saying who may use it, and the API is
/// tried with no key, another tenant's key, a key without the permission and the right key.
/// </summary>
public sealed class ApiAccessMatrixTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string View = Permissions.DataConnectors.View;
    private const string Configure = Permissions.DataConnectors.Configure;
    private const string ReadCredentials = Permissions.DataConnectors.ReadCredentials;
    private const string ManageKeys = Permissions.ApiKeys.Manage;
    private const string ManageUsers = Permissions.Users.Manage;
    private const string ViewAudit = Permissions.Audit.View;
    private const string Admin = PlatformRoles.PlatformAdmin;
    private const string Auditor = PlatformRoles.PlatformAuditor;

    /// <summary>"METHOD /route pattern" (METHOD * for pages and other routes that take any method) and who may use it.</summary>
    private static readonly Dictionary<string, Access> Table = new(StringComparer.Ordinal)
    {
        // Pages and the browser's other routes.
        ["* /"] = Access.SignedIn,
        ["* /account/sign-in"] = Access.Anonymous,
        ["* /account/forgot-password"] = Access.Anonymous,
        ["* /account/reset-password/{token}"] = Access.Anonymous,
        ["* /account/invitation/{token}"] = Access.Anonymous,
        ["* /account/change-password"] = Access.SignedIn,
        ["* /account/security"] = Access.SignedIn,
        ["* /account/security/passkeys"] = Access.SignedIn,
        ["* /account/sign-in/passkey"] = Access.Anonymous,
        ["* /account/sso/{provider}"] = Access.Anonymous,
        ["* /account/sso-callback"] = Access.Anonymous,
        ["* /account/sign-in/two-factor"] = Access.Anonymous,
        ["* /account/sign-out"] = Access.SignedIn,
        ["* /account/notifications"] = Access.SignedIn,
        ["* /error/{status:int?}"] = Access.Anonymous,
        ["* /tenants/switch"] = Access.SignedIn,
        ["* /platform"] = Access.Role(Admin, Auditor),
        ["* /platform/api-keys"] = Access.Role(Admin, Auditor),
        ["* /platform/audit"] = Access.Role(Admin, Auditor),
        ["* /platform/audit/{id:guid}"] = Access.Role(Admin, Auditor),
        ["* /platform/connections"] = Access.Role(Admin, Auditor),
        ["* /platform/connections/{id:guid}"] = Access.Role(Admin, Auditor),
        ["* /platform/tenants"] = Access.Role(Admin, Auditor),
        ["* /platform/webhooks"] = Access.Role(Admin, Auditor),
        ["* /platform/webhooks/{id:guid}"] = Access.Role(Admin, Auditor),
        ["* /t/{tenant}"] = Access.Member,
        ["* /t/{tenant}/connect/{token}"] = Access.Permission(Configure),
        ["* /t/{tenant}/settings/api-keys"] = Access.Permission(ManageKeys),
        ["* /t/{tenant}/settings/audit"] = Access.Permission(ViewAudit),
        ["* /t/{tenant}/settings/audit/{id:guid}"] = Access.Permission(ViewAudit),
        ["* /t/{tenant}/settings/it-administration/oauth"] = Access.Permission(View),
        ["* /t/{tenant}/settings/it-administration/oauth/connections/{id:guid}"] = Access.Permission(View),
        ["* /t/{tenant}/settings/it-administration/sign-in"] = Access.Permission(ManageUsers),
        ["* /t/{tenant}/settings/users"] = Access.Permission(ManageUsers),
        ["* /t/{tenant}/settings/webhooks"] = Access.Permission(Configure),
        ["* /t/{tenant}/settings/webhooks/{id:guid}"] = Access.Permission(Configure),
        ["GET /oauth/callback/{provider}"] = Access.SignedIn,
        ["* /health/live"] = Access.Anonymous,
        ["* /health/ready"] = Access.Anonymous,
        ["GET /api/openapi/{documentName}.json"] = Access.Anonymous,
        ["GET /api/reference/{documentName?}"] = Access.Anonymous,
        ["GET /api/reference/scalar.js"] = Access.Anonymous,
        ["GET /api/reference/scalar.aspnetcore.js"] = Access.Anonymous,
        ["GET /api/reference/favicon.svg"] = Access.Anonymous,

        // The API. /providers names no tenant's data: any valid key, platform keys included.
        ["GET /api/v1/providers"] = Access.AnyKey,
        ["GET /api/v1/connections/"] = Access.Permission(View),
        ["GET /api/v1/connections/{id:guid}"] = Access.Permission(View),
        ["POST /api/v1/connections/authorizations"] = Access.Permission(Configure),
        ["POST /api/v1/connections/{id:guid}/verify"] = Access.Permission(Configure),
        ["POST /api/v1/connections/{id:guid}/access-token"] = Access.Permission(ReadCredentials),
        ["DELETE /api/v1/connections/{id:guid}"] = Access.Permission(Configure),
        ["GET /api/v1/audit-events"] = Access.Permission(ViewAudit),
        ["GET /api/v1/audit-events.csv"] = Access.Permission(ViewAudit),
        ["GET /api/v1/audit/checkpoints"] = Access.Permission(ViewAudit),
        ["GET /api/v1/audit/checkpoint-key"] = Access.AnyKey,
        ["GET /api/v1/api-keys/"] = Access.Permission(ManageKeys),
        ["GET /api/v1/api-keys/{id:guid}"] = Access.Permission(ManageKeys),
        ["POST /api/v1/api-keys/"] = Access.Permission(ManageKeys),
        ["DELETE /api/v1/api-keys/{id:guid}"] = Access.Permission(ManageKeys),
        ["GET /api/v1/members/"] = Access.Permission(ManageUsers),
        ["PUT /api/v1/members/{id:guid}/permissions"] = Access.Permission(ManageUsers),
        ["DELETE /api/v1/members/{id:guid}"] = Access.Permission(ManageUsers),
        ["POST /api/v1/members/{id:guid}/end-sessions"] = Access.Permission(ManageUsers),
        ["GET /api/v1/sign-in-policy/"] = Access.Permission(ManageUsers),
        ["PUT /api/v1/sign-in-policy/"] = Access.Permission(ManageUsers),
        ["GET /api/v1/invitations/"] = Access.Permission(ManageUsers),
        ["GET /api/v1/invitations/{id:guid}"] = Access.Permission(ManageUsers),
        ["POST /api/v1/invitations/"] = Access.Permission(ManageUsers),
        ["POST /api/v1/invitations/{id:guid}/resend"] = Access.Permission(ManageUsers),
        ["DELETE /api/v1/invitations/{id:guid}"] = Access.Permission(ManageUsers),
        ["GET /api/v1/platform/connections"] = Access.Role(Admin, Auditor),
        ["POST /api/v1/platform/connections/{id:guid}/complete-configuration"] = Access.Role(Admin),
        ["POST /api/v1/platform/connections/{id:guid}/suspend"] = Access.Role(Admin),
        ["POST /api/v1/platform/connections/{id:guid}/resume"] = Access.Role(Admin),
        ["GET /api/v1/platform/tenants"] = Access.Role(Admin, Auditor),
        ["GET /api/v1/platform/accounts/"] = Access.Role(Admin, Auditor),
        ["POST /api/v1/platform/accounts/{id:guid}/disable"] = Access.Role(Admin),
        ["POST /api/v1/platform/accounts/{id:guid}/enable"] = Access.Role(Admin),
        ["POST /api/v1/platform/tenants"] = Access.Role(Admin),
        ["GET /api/v1/platform/audit-events"] = Access.Role(Admin, Auditor),
        ["GET /api/v1/platform/audit-events.csv"] = Access.Role(Admin, Auditor),
        ["GET /api/v1/platform/audit-events/verify"] = Access.Role(Admin, Auditor),
        ["GET /api/v1/platform/audit/checkpoints"] = Access.Role(Admin, Auditor),
        ["POST /api/v1/platform/audit/checkpoints"] = Access.Role(Admin),
        ["GET /api/v1/webhooks/"] = Access.Permission(Configure),
        ["GET /api/v1/webhooks/{id:guid}"] = Access.Permission(Configure),
        ["POST /api/v1/webhooks/"] = Access.Permission(Configure),
        ["PATCH /api/v1/webhooks/{id:guid}"] = Access.Permission(Configure),
        ["DELETE /api/v1/webhooks/{id:guid}"] = Access.Permission(Configure),
        ["POST /api/v1/webhooks/{id:guid}/rotate-secret"] = Access.Permission(Configure),
        ["POST /api/v1/webhooks/{id:guid}/test"] = Access.Permission(Configure),
        ["GET /api/v1/webhooks/{id:guid}/deliveries"] = Access.Permission(Configure),
        ["POST /api/v1/webhooks/{id:guid}/deliveries/{deliveryId:guid}/resend"] = Access.Permission(Configure),
        ["GET /api/v1/platform/webhooks/"] = Access.Role(Admin, Auditor),
        ["GET /api/v1/platform/webhooks/{id:guid}"] = Access.Role(Admin, Auditor),
        ["POST /api/v1/platform/webhooks/"] = Access.Role(Admin),
        ["PATCH /api/v1/platform/webhooks/{id:guid}"] = Access.Role(Admin),
        ["DELETE /api/v1/platform/webhooks/{id:guid}"] = Access.Role(Admin),
        ["POST /api/v1/platform/webhooks/{id:guid}/rotate-secret"] = Access.Role(Admin),
        ["POST /api/v1/platform/webhooks/{id:guid}/test"] = Access.Role(Admin),
        ["GET /api/v1/platform/webhooks/{id:guid}/deliveries"] = Access.Role(Admin, Auditor),
        ["POST /api/v1/platform/webhooks/{id:guid}/deliveries/{deliveryId:guid}/resend"] = Access.Role(Admin),
    };

    /// <summary>One call per API endpoint, in an order the right keys can run them one after another (deletions last).</summary>
    private static readonly (string Endpoint, Func<Demo, Call> Call)[] ApiCalls =
    [
        ("GET /api/v1/providers", _ => new("GET", "/api/v1/providers", Reach.Global, null, HttpStatusCode.OK)),
        ("GET /api/v1/connections/", _ => new("GET", "/api/v1/connections", Reach.List, null, HttpStatusCode.OK)),
        ("GET /api/v1/connections/{id:guid}", d => new("GET", $"/api/v1/connections/{d.Connection}", Reach.ById, null, HttpStatusCode.OK)),
        ("POST /api/v1/connections/authorizations", _ =>
            new(
                "POST",
                "/api/v1/connections/authorizations",
                Reach.Create,
                new { provider = "salesforce", environment = "Production" },
                HttpStatusCode.Created
            )
        ),
        ("POST /api/v1/connections/{id:guid}/verify", d =>
            new("POST", $"/api/v1/connections/{d.Connection}/verify", Reach.ById, null, HttpStatusCode.OK)
        ),
        ("POST /api/v1/connections/{id:guid}/access-token", d =>
            new("POST", $"/api/v1/connections/{d.Connection}/access-token", Reach.ById, null, HttpStatusCode.OK)
        ),
        ("GET /api/v1/audit-events", _ => new("GET", "/api/v1/audit-events", Reach.List, null, HttpStatusCode.OK)),
        ("GET /api/v1/audit-events.csv", _ => new("GET", "/api/v1/audit-events.csv", Reach.List, null, HttpStatusCode.OK)),
        ("GET /api/v1/audit/checkpoints", _ => new("GET", "/api/v1/audit/checkpoints", Reach.List, null, HttpStatusCode.OK)),
        ("GET /api/v1/audit/checkpoint-key", _ => new("GET", "/api/v1/audit/checkpoint-key", Reach.Global, null, HttpStatusCode.OK)),
        ("GET /api/v1/api-keys/", _ => new("GET", "/api/v1/api-keys", Reach.List, null, HttpStatusCode.OK)),
        ("GET /api/v1/api-keys/{id:guid}", d => new("GET", $"/api/v1/api-keys/{d.VictimKey}", Reach.ById, null, HttpStatusCode.OK)),
        // A key made by a key expires no later than it: the test keys live 30 days.
        ("POST /api/v1/api-keys/", _ => new(
                "POST",
                "/api/v1/api-keys",
                Reach.Create,
                new
                {
                    name = "matrix",
                    scopes = new[] { ManageKeys },
                    expiresInDays = 7,
                },
                HttpStatusCode.Created
            )),
        ("GET /api/v1/members/", _ => new("GET", "/api/v1/members", Reach.List, null, HttpStatusCode.OK)),
        ("PUT /api/v1/members/{id:guid}/permissions", d =>
            new("PUT", $"/api/v1/members/{d.Member}/permissions", Reach.ById, new { permissions = new[] { View } }, HttpStatusCode.OK)
        ),
        ("POST /api/v1/members/{id:guid}/end-sessions", d =>
            new("POST", $"/api/v1/members/{d.Member}/end-sessions", Reach.ById, null, HttpStatusCode.OK)
        ),
        ("GET /api/v1/sign-in-policy/", _ => new("GET", "/api/v1/sign-in-policy", Reach.List, null, HttpStatusCode.OK)),
        ("PUT /api/v1/sign-in-policy/", _ => new(
                "PUT",
                "/api/v1/sign-in-policy",
                Reach.List,
                new
                {
                    requireSecondFactor = false,
                    ssoRequiredDomains = Array.Empty<string>(),
                    ssoAdminBreakGlass = true,
                },
                HttpStatusCode.OK
            )),
        ("GET /api/v1/invitations/", _ => new("GET", "/api/v1/invitations", Reach.List, null, HttpStatusCode.OK)),
        ("GET /api/v1/invitations/{id:guid}", d => new("GET", $"/api/v1/invitations/{d.Invitation}", Reach.ById, null, HttpStatusCode.OK)),
        ("POST /api/v1/invitations/", _ =>
            new(
                "POST",
                "/api/v1/invitations",
                Reach.Create,
                new { email = "matrix@demo.test", permissions = Array.Empty<string>() },
                HttpStatusCode.Created,
                HttpStatusCode.Conflict
            )
        ),
        ("POST /api/v1/invitations/{id:guid}/resend", d =>
            new("POST", $"/api/v1/invitations/{d.Invitation}/resend", Reach.ById, null, HttpStatusCode.OK)
        ),
        ("GET /api/v1/platform/connections", _ => new("GET", "/api/v1/platform/connections", Reach.Platform, null, HttpStatusCode.OK)),
        ("POST /api/v1/platform/connections/{id:guid}/complete-configuration", d =>
            new(
                "POST",
                $"/api/v1/platform/connections/{d.Connection}/complete-configuration",
                Reach.Platform,
                new { note = "matrix" },
                HttpStatusCode.OK,
                HttpStatusCode.Conflict
            )
        ),
        ("POST /api/v1/platform/connections/{id:guid}/suspend", d =>
            new(
                "POST",
                $"/api/v1/platform/connections/{d.Connection}/suspend",
                Reach.Platform,
                new { reason = "matrix" },
                HttpStatusCode.OK
            )
        ),
        ("POST /api/v1/platform/connections/{id:guid}/resume", d =>
            new("POST", $"/api/v1/platform/connections/{d.Connection}/resume", Reach.Platform, null, HttpStatusCode.OK)
        ),
        ("GET /api/v1/platform/accounts/", _ =>
            new("GET", $"/api/v1/platform/accounts?email={TestUsers.DemoMember}", Reach.Platform, null, HttpStatusCode.OK)
        ),
        ("POST /api/v1/platform/accounts/{id:guid}/disable", d =>
            new("POST", $"/api/v1/platform/accounts/{d.MemberUser}/disable", Reach.Platform, null, HttpStatusCode.OK)
        ),
        ("POST /api/v1/platform/accounts/{id:guid}/enable", d =>
            new("POST", $"/api/v1/platform/accounts/{d.MemberUser}/enable", Reach.Platform, null, HttpStatusCode.OK)
        ),
        ("GET /api/v1/platform/tenants", _ => new("GET", "/api/v1/platform/tenants", Reach.Platform, null, HttpStatusCode.OK)),
        ("POST /api/v1/platform/tenants", _ => new(
                "POST",
                "/api/v1/platform/tenants",
                Reach.Platform,
                new
                {
                    name = "Matrix",
                    slug = "matrix",
                    adminEmail = "admin@matrix.test",
                },
                HttpStatusCode.Created
            )),
        ("GET /api/v1/platform/audit-events", _ => new("GET", "/api/v1/platform/audit-events", Reach.Platform, null, HttpStatusCode.OK)),
        ("GET /api/v1/platform/audit-events.csv", _ =>
            new("GET", "/api/v1/platform/audit-events.csv", Reach.Platform, null, HttpStatusCode.OK)
        ),
        ("GET /api/v1/platform/audit-events/verify", _ =>
            new("GET", "/api/v1/platform/audit-events/verify?tenant=demo", Reach.Platform, null, HttpStatusCode.OK)
        ),
        ("GET /api/v1/platform/audit/checkpoints", _ =>
            new("GET", "/api/v1/platform/audit/checkpoints?tenant=demo", Reach.Platform, null, HttpStatusCode.OK)
        ),
        ("POST /api/v1/platform/audit/checkpoints", _ =>
            new("POST", "/api/v1/platform/audit/checkpoints", Reach.Platform, null, HttpStatusCode.OK)
        ),
        ("GET /api/v1/webhooks/", _ => new("GET", "/api/v1/webhooks", Reach.List, null, HttpStatusCode.OK)),
        ("GET /api/v1/webhooks/{id:guid}", d => new("GET", $"/api/v1/webhooks/{d.Webhook}", Reach.ById, null, HttpStatusCode.OK)),
        ("POST /api/v1/webhooks/", _ => new("POST", "/api/v1/webhooks", Reach.Create, NewWebhook, HttpStatusCode.Created)),
        ("PATCH /api/v1/webhooks/{id:guid}", d =>
            new("PATCH", $"/api/v1/webhooks/{d.Webhook}", Reach.ById, new { description = "matrix" }, HttpStatusCode.OK)
        ),
        ("POST /api/v1/webhooks/{id:guid}/rotate-secret", d =>
            new("POST", $"/api/v1/webhooks/{d.Webhook}/rotate-secret", Reach.ById, null, HttpStatusCode.OK)
        ),
        ("POST /api/v1/webhooks/{id:guid}/test", d =>
            new("POST", $"/api/v1/webhooks/{d.Webhook}/test", Reach.ById, null, HttpStatusCode.OK)
        ),
        ("GET /api/v1/webhooks/{id:guid}/deliveries", d =>
            new("GET", $"/api/v1/webhooks/{d.Webhook}/deliveries", Reach.ById, null, HttpStatusCode.OK)
        ),
        ("POST /api/v1/webhooks/{id:guid}/deliveries/{deliveryId:guid}/resend", d =>
            new("POST", $"/api/v1/webhooks/{d.Webhook}/deliveries/{d.Delivery}/resend", Reach.ById, null, HttpStatusCode.OK)
        ),
        ("GET /api/v1/platform/webhooks/", _ => new("GET", "/api/v1/platform/webhooks", Reach.Platform, null, HttpStatusCode.OK)),
        ("GET /api/v1/platform/webhooks/{id:guid}", d =>
            new("GET", $"/api/v1/platform/webhooks/{d.PlatformWebhook}", Reach.Platform, null, HttpStatusCode.OK)
        ),
        ("POST /api/v1/platform/webhooks/", _ =>
            new("POST", "/api/v1/platform/webhooks", Reach.Platform, NewWebhook, HttpStatusCode.Created)
        ),
        ("PATCH /api/v1/platform/webhooks/{id:guid}", d =>
            new(
                "PATCH",
                $"/api/v1/platform/webhooks/{d.PlatformWebhook}",
                Reach.Platform,
                new { description = "matrix" },
                HttpStatusCode.OK
            )
        ),
        ("POST /api/v1/platform/webhooks/{id:guid}/rotate-secret", d =>
            new("POST", $"/api/v1/platform/webhooks/{d.PlatformWebhook}/rotate-secret", Reach.Platform, null, HttpStatusCode.OK)
        ),
        ("POST /api/v1/platform/webhooks/{id:guid}/test", d =>
            new("POST", $"/api/v1/platform/webhooks/{d.PlatformWebhook}/test", Reach.Platform, null, HttpStatusCode.OK)
        ),
        ("GET /api/v1/platform/webhooks/{id:guid}/deliveries", d =>
            new("GET", $"/api/v1/platform/webhooks/{d.PlatformWebhook}/deliveries", Reach.Platform, null, HttpStatusCode.OK)
        ),
        ("POST /api/v1/platform/webhooks/{id:guid}/deliveries/{deliveryId:guid}/resend", d =>
            new(
                "POST",
                $"/api/v1/platform/webhooks/{d.PlatformWebhook}/deliveries/{d.PlatformDelivery}/resend",
                Reach.Platform,
                null,
                HttpStatusCode.OK
            )
        ),
        ("DELETE /api/v1/platform/webhooks/{id:guid}", d =>
            new("DELETE", $"/api/v1/platform/webhooks/{d.PlatformWebhook}", Reach.Platform, null, HttpStatusCode.NoContent)
        ),
        ("DELETE /api/v1/webhooks/{id:guid}", d =>
            new("DELETE", $"/api/v1/webhooks/{d.Webhook}", Reach.ById, null, HttpStatusCode.NoContent)
        ),
        ("DELETE /api/v1/invitations/{id:guid}", d =>
            new("DELETE", $"/api/v1/invitations/{d.Invitation}", Reach.ById, null, HttpStatusCode.NoContent)
        ),
        ("DELETE /api/v1/members/{id:guid}", d => new("DELETE", $"/api/v1/members/{d.Member}", Reach.ById, null, HttpStatusCode.NoContent)),
        ("DELETE /api/v1/api-keys/{id:guid}", d =>
            new("DELETE", $"/api/v1/api-keys/{d.VictimKey}", Reach.ById, null, HttpStatusCode.NoContent)
        ),
        ("DELETE /api/v1/connections/{id:guid}", d =>
            new("DELETE", $"/api/v1/connections/{d.Connection}", Reach.ById, null, HttpStatusCode.OK)
        ),
    ];

    private static readonly object NewWebhook = new { url = "https://93.184.216.34/hooks", eventTypes = new[] { "*" } };

    private enum Need
    {
        Anonymous,
        SignedIn,
        Member,
        Permission,
        Role,
        AnyKey,
    }

    /// <summary>What another tenant's key finds: a resource by id, a list, something it creates, or nothing tenant-bound.</summary>
    private enum Reach
    {
        Global,
        ById,
        List,
        Create,
        Platform,
    }

    [Fact]
    public void Every_endpoint_of_the_app_is_in_the_access_table_and_every_api_endpoint_has_a_call()
    {
        var endpoints = AppEndpoints();

        var missing = endpoints.Where(e => !Table.ContainsKey(e)).ToList();
        missing.ShouldBeEmpty($"endpoints missing from the access table of {nameof(ApiAccessMatrixTests)}: {string.Join(", ", missing)}");
        var stale = Table.Keys.Where(k => !endpoints.Contains(k)).ToList();
        stale.ShouldBeEmpty($"the access table lists endpoints the app no longer has: {string.Join(", ", stale)}");
        var api = endpoints.Where(IsApi).ToList();
        var uncalled = api.Where(e => ApiCalls.All(c => c.Endpoint != e)).ToList();
        uncalled.ShouldBeEmpty($"API endpoints with no call in {nameof(ApiCalls)}: {string.Join(", ", uncalled)}");
        api.Count.ShouldBe(ApiCalls.Length);
    }

    [Fact]
    public async Task Without_a_key_every_api_endpoint_answers_401_problem_details()
    {
        var demo = new Demo(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        // More calls than one address may make without a key in a minute: that limit has tests of its own.
        await using var host = Factory.WithSettings(("RateLimits:PerAddress:PermitLimit", "1000"));
        using var anonymous = Client(host, null);

        foreach (var (_, make) in ApiCalls)
        {
            var call = make(demo);
            using var response = await anonymous.SendAsync(new HttpMethod(call.Method), call.Path, call.Body);
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "api_key_required");
            response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer", Case.Sensitive, call.Path);
        }
    }

    [Fact]
    public async Task Another_tenants_key_with_every_permission_never_reaches_the_demo_tenants_data()
    {
        var demo = await SetUpAsync(realConnection: false, otherTenant: true);
        var ownConnection = await Factory.AddConnectionAsync(OtherTenant, DateTimeOffset.UtcNow);
        var otherKey = await TenantKeyAsync(Factory, OtherTenant, OtherAdmin, AllPermissions);
        using var other = Client(Factory, otherKey);
        string[] demoMarkers = [demo.Connection.ToString(), demo.VictimKey.ToString(), demo.AuditEvent.ToString(), "/t/demo/"];

        foreach (var (endpoint, make) in ApiCalls)
        {
            var call = make(demo);
            using var response = await other.SendAsync(new HttpMethod(call.Method), call.Path, call.Body);
            var body = await response.Content.ReadAsStringAsync();
            switch (call.Reach)
            {
                case Reach.ById:
                    await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
                    break;
                case Reach.Platform:
                    await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
                    break;
                default:
                    ((int)response.StatusCode).ShouldBeInRange(200, 299, $"{endpoint}: {body}");

                    // A tenant's audit log names the ids it itself tried (and was refused), never the demo tenant's events.
                    foreach (
                        var marker in endpoint.Contains("audit-events", StringComparison.Ordinal)
                            ? [demo.AuditEvent.ToString(), "/t/demo/"]
                            : demoMarkers
                    )
                    {
                        body.ShouldNotContain(marker, Case.Sensitive, $"{endpoint} shows the demo tenant's {marker}");
                    }

                    break;
            }
        }

        using var events = await other.GetAsync("/api/v1/audit-events");
        foreach (var auditEvent in (await events.JsonAsync()).GetProperty("events").EnumerateArray())
        {
            auditEvent.GetProperty("tenantId").GetGuid().ShouldBe(demo.OtherTenantId);
        }

        using var list = await other.GetAsync("/api/v1/connections");
        (await list.Content.ReadAsStringAsync()).ShouldContain(
            ownConnection.ToString(),
            Case.Sensitive,
            "a tenant's key lists its own connections"
        );
        (
            await Factory.DbAsync(db =>
                db.ProviderConnections.IgnoreQueryFilters().AnyAsync(c => c.Id == demo.Connection && c.DisconnectedAt == null)
            )
        ).ShouldBeTrue();
        (await Factory.StoredKeysAsync()).Single(k => k.Id == demo.VictimKey).RevokedAt.ShouldBeNull();
        var links = await Factory.DbAsync(db => db.AuthorizationLinks.IgnoreQueryFilters().Select(l => l.TenantId).ToListAsync());
        links.ShouldAllBe(t => t == demo.OtherTenantId, "a link asked for with another tenant's key belongs to that tenant");
    }

    [Fact]
    public async Task A_demo_key_without_the_permission_or_role_gets_403_on_every_endpoint_that_needs_it()
    {
        // Refused before anything is looked up: ids need not exist.
        var demo = new Demo(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Factory.CreateAuditorAsync();
        using var auditor = Client(Factory, await PlatformKeyAsync(Factory, ApiTesting.Auditor, Auditor));
        using var platformAdmin = Client(Factory, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, Admin));
        using var everyPermission = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, AllPermissions)
        );

        foreach (var (endpoint, make) in ApiCalls)
        {
            var call = make(demo);
            var access = Table[endpoint];
            switch (access.Need)
            {
                case Need.Permission:
                    var scopes = AllPermissions.Where(p => p != access.Grants[0]).ToArray();
                    using (var lacking = Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, scopes)))
                    using (var response = await lacking.SendAsync(new HttpMethod(call.Method), call.Path, call.Body))
                    {
                        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
                    }

                    using (var response = await platformAdmin.SendAsync(new HttpMethod(call.Method), call.Path, call.Body))
                    {
                        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden", "tenant_key_required");
                    }

                    break;
                case Need.Role:
                    using (var response = await everyPermission.SendAsync(new HttpMethod(call.Method), call.Path, call.Body))
                    {
                        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
                    }

                    if (!access.Grants.Contains(Auditor))
                    {
                        using var response = await auditor.SendAsync(new HttpMethod(call.Method), call.Path, call.Body);
                        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
                    }

                    break;
                case Need.AnyKey:
                    break;
                default:
                    throw new ShouldAssertException($"{endpoint} is an API endpoint with access {access}");
            }
        }

        (await Factory.DbAsync(db => db.Tenants.IgnoreQueryFilters().CountAsync())).ShouldBe(1, "no tenant was created");
        (await Factory.DbAsync(db => db.AuthorizationLinks.IgnoreQueryFilters().CountAsync())).ShouldBe(0, "no link was created");
    }

    [Fact]
    public async Task The_right_key_reaches_every_api_endpoint()
    {
        var demo = await SetUpAsync(realConnection: true, otherTenant: false);
        await Factory.CreateAuditorAsync();
        using var auditor = Client(Factory, await PlatformKeyAsync(Factory, ApiTesting.Auditor, Auditor));
        using var platformAdmin = Client(Factory, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, Admin));

        foreach (var (endpoint, make) in ApiCalls)
        {
            var call = make(demo);
            var access = Table[endpoint];
            var key = access.Need switch
            {
                Need.Permission => await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, access.Grants[0]),
                Need.AnyKey => await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, View),
                _ => null,
            };
            using var tenantClient = key is null ? null : Client(Factory, key);
            var client = tenantClient ?? (access.Grants.Contains(Auditor) ? auditor : platformAdmin);

            using var response = await client.SendAsync(new HttpMethod(call.Method), call.Path, call.Body);
            response.StatusCode.ShouldBeOneOf(call.Expected, $"{endpoint}: {await response.Content.ReadAsStringAsync()}");
        }

        using var platformProviders = await platformAdmin.GetAsync("/api/v1/providers");
        platformProviders.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Nobody_signed_in_is_sent_to_sign_in_from_every_page_that_needs_someone()
    {
        using var browser = Factory.NewBrowser();

        foreach (var endpoint in AppEndpoints().Where(e => !IsApi(e)))
        {
            using var response = await browser.GetPageAsync(PathOf(endpoint));
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            if (Table[endpoint].Need == Need.Anonymous)
            {
                response.StatusCode.ShouldNotBeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], endpoint);
                location.ShouldNotContain("/account/sign-in", Case.Sensitive, endpoint);
            }
            else
            {
                response.StatusCode.ShouldBe(HttpStatusCode.Redirect, endpoint);
                location.ShouldContain("/account/sign-in", Case.Sensitive, endpoint);
            }
        }
    }

    [Fact]
    public async Task Pages_answer_another_tenant_404_a_member_without_the_permission_403_and_a_tenant_admin_403_on_platform_pages()
    {
        await Factory.CreateTenantAsync(OtherTenant);
        using var other = await SignedInAs(OtherAdmin);
        using var member = await SignedInAs(TestUsers.DemoMember);
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        foreach (var endpoint in AppEndpoints().Where(e => !IsApi(e)))
        {
            var access = Table[endpoint];
            var path = PathOf(endpoint);
            if (path.StartsWith("/t/demo", StringComparison.Ordinal))
            {
                using var foreign = await other.GetPageAsync(path);
                foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{endpoint} for another tenant's admin");
                using var mine = await member.GetPageAsync(path);
                // Past the permission, a page of one thing answers for the random id it was given: not found.
                var expected =
                    access.Need == Need.Member || (access.Need == Need.Permission && access.Grants[0] == View)
                        ? endpoint.Contains("{id:guid}", StringComparison.Ordinal)
                            ? HttpStatusCode.NotFound
                            : HttpStatusCode.OK
                        : HttpStatusCode.Forbidden;
                mine.StatusCode.ShouldBe(expected, $"{endpoint} for a member with only {View}");
            }

            if (access.Need == Need.Role)
            {
                using var tenantAdmin = await admin.GetPageAsync(path);
                tenantAdmin.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{endpoint} for a tenant admin");
            }
        }
    }

    /// <summary>
    /// The demo tenant's connection (connected for real, or only a row), a key to revoke and an audit event; perhaps tenant "other".
    /// </summary>
    private async Task<Demo> SetUpAsync(bool realConnection, bool otherTenant)
    {
        var connection = realConnection
            ? await Factory.ConnectDemoAsync()
            : await Factory.AddConnectionAsync(TestUsers.DemoTenant, DateTimeOffset.UtcNow);
        var victim = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, View);
        var demoTenantId = await Factory.DbAsync(db =>
            db.Tenants.Where(t => t.Slug == TestUsers.DemoTenant).Select(t => t.Id).SingleAsync()
        );
        var auditEvent = await Audit.AuditWebTesting.RecordAsync(Factory, demoTenantId, "member.added", "membership:1");
        var otherTenantId = otherTenant ? await Factory.CreateTenantAsync(OtherTenant) : Guid.Empty;
        var memberUser = await Factory.DbAsync(db => db.Users.Where(u => u.Email == TestUsers.DemoMember).Select(u => u.Id).SingleAsync());
        var member = await Factory.DbAsync(db =>
            db.Memberships.IgnoreQueryFilters()
                .Where(m => m.UserId == memberUser && m.TenantId == demoTenantId)
                .Select(m => m.Id)
                .SingleAsync()
        );
        using var users = Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, ManageUsers));
        using var invited = await users.SendAsync(
            HttpMethod.Post,
            "/api/v1/invitations",
            new { email = "victim@demo.test", permissions = Array.Empty<string>() }
        );
        invited.StatusCode.ShouldBe(HttpStatusCode.Created, await invited.Content.ReadAsStringAsync());
        var invitation = (await invited.JsonAsync()).GetProperty("id").GetGuid();
        using var configurer = Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Configure));
        var (webhook, delivery) = await WebhookWithDeliveryAsync(configurer, "/api/v1/webhooks");
        using var platform = Client(Factory, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, Admin));
        var (platformWebhook, platformDelivery) = await WebhookWithDeliveryAsync(platform, "/api/v1/platform/webhooks");
        return new Demo(
            connection,
            (await Factory.StoredKeyAsync(victim)).Id,
            auditEvent.Id,
            otherTenantId,
            member,
            invitation,
            memberUser,
            webhook,
            delivery,
            platformWebhook,
            platformDelivery
        );
    }

    /// <summary>An endpoint made through <paramref name="path"/>, and the delivery of a test event to it.</summary>
    private static async Task<(Guid Endpoint, Guid Delivery)> WebhookWithDeliveryAsync(HttpClient client, string path)
    {
        using var created = await client.SendAsync(HttpMethod.Post, path, NewWebhook);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var endpoint = (await created.JsonAsync()).GetProperty("id").GetGuid();
        using var test = await client.PostAsync($"{path}/{endpoint}/test", null);
        test.StatusCode.ShouldBe(HttpStatusCode.OK, await test.Content.ReadAsStringAsync());
        return (endpoint, (await test.JsonAsync()).GetProperty("id").GetGuid());
    }

    /// <summary>"METHOD /pattern" of every route the app has.</summary>
    private HashSet<string> AppEndpoints()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods)
            {
                keys.Add($"{method} {pattern}");
            }
        }

        return keys;
    }

    private static bool IsApi(string endpoint) => endpoint.Contains(" /api/v1/", StringComparison.Ordinal);

    /// <summary>A concrete path for a route pattern: the demo tenant, a random id, an unknown link token.</summary>
    private static string PathOf(string endpoint) =>
        endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..]
            .Replace("{tenant}", TestUsers.DemoTenant, StringComparison.Ordinal)
            .Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{token}", new string('A', 43), StringComparison.Ordinal)
            .Replace("{status:int?}", "404", StringComparison.Ordinal)
            .Replace("{provider}", "salesforce", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{documentName?}", string.Empty, StringComparison.Ordinal);

    private sealed record Access(Need Need, params string[] Grants)
    {
        public static Access Anonymous { get; } = new(Need.Anonymous);

        public static Access SignedIn { get; } = new(Need.SignedIn);

        public static Access Member { get; } = new(Need.Member);

        public static Access AnyKey { get; } = new(Need.AnyKey);

        public static Access Permission(string permission) => new(Need.Permission, permission);

        public static Access Role(params string[] roles) => new(Need.Role, roles);

        public override string ToString() => $"{Need} {string.Join("/", Grants)}";
    }

    private sealed record Call(string Method, string Path, Reach Reach, object? Body, params HttpStatusCode[] Expected);

    private sealed record Demo(
        Guid Connection,
        Guid VictimKey,
        Guid AuditEvent,
        Guid OtherTenantId,
        Guid Member,
        Guid Invitation,
        Guid MemberUser = default,
        Guid Webhook = default,
        Guid Delivery = default,
        Guid PlatformWebhook = default,
        Guid PlatformDelivery = default
    );
}
