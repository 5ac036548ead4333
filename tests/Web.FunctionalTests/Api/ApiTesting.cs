using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>API keys made straight in the database, as the API keys page would make them, and clients that send them.</summary>
internal static class ApiTesting
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";
    public const string ProblemTypes = "https://natero.example/problems/";
    public const string OtherTenant = "other";
    public const string OtherAdmin = "admin@other.test";
    public const string Auditor = "auditor@natero.test";

    /// <summary>A header the <see cref="ClientAddress"/> filter turns into the connection's remote address.</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>Every tenant permission, as a key with everything would carry them.</summary>
    public static string[] AllPermissions => [.. Permissions.All.Select(p => p.Name)];

    /// <summary>
    /// A tenant key created by <paramref name="creatorEmail"/> (a member of <paramref name="tenantSlug"/>) with these scopes.
    /// </summary>
    public static Task<string> TenantKeyAsync(NateroWebFactory factory, string tenantSlug, string creatorEmail, params string[] scopes) =>
        TenantKeyAsync(factory, tenantSlug, creatorEmail, TimeSpan.FromDays(30), scopes);

    /// <summary>A tenant key that expires <paramref name="lifetime"/> from now (negative: already expired).</summary>
    public static Task<string> TenantKeyAsync(
        NateroWebFactory factory,
        string tenantSlug,
        string creatorEmail,
        TimeSpan lifetime,
        params string[] scopes
    ) => TenantKeyAsync(factory.Services, tenantSlug, creatorEmail, lifetime, scopes);

    /// <summary>A tenant key stored through this host's services (a host other than the shared factory).</summary>
    public static async Task<string> TenantKeyAsync(
        IServiceProvider services,
        string tenantSlug,
        string creatorEmail,
        TimeSpan lifetime,
        params string[] scopes
    )
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == tenantSlug);
        var creator = await db.Users.AsNoTracking().SingleAsync(u => u.Email == creatorEmail);
        return await SaveAsync(scope.ServiceProvider, tenant.Id, tenant.Slug, creator.Id, scopes, lifetime);
    }

    /// <summary>A platform key with one role, created by <paramref name="creatorEmail"/>.</summary>
    public static async Task<string> PlatformKeyAsync(NateroWebFactory factory, string creatorEmail, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var creator = await db.Users.AsNoTracking().SingleAsync(u => u.Email == creatorEmail);
        return await SaveAsync(scope.ServiceProvider, null, null, creator.Id, [role], TimeSpan.FromDays(30));
    }

    public static HttpClient Client(WebApplicationFactory<Program> factory, string? key)
    {
        var client = factory.CreateClient(
            new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false }
        );
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(Json));
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Sends a request; <paramref name="body"/> is serialized as JSON unless it is already a string of JSON.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        this HttpClient client,
        HttpMethod method,
        string path,
        object? body = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null
    )
    {
        using var request = new HttpRequestMessage(method, path);
        request.Content = body switch
        {
            null => null,
            string raw => new StringContent(raw, Encoding.UTF8, Json),
            _ => JsonContent.Create(body),
        };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with this status and <c>type</c> (and <c>code</c>, when given), and returns it.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(
        this HttpResponseMessage response,
        HttpStatusCode status,
        string type,
        string? code = null
    )
    {
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {text}";
        response.StatusCode.ShouldBe(status, what);
        response.Content.Headers.ContentType?.MediaType.ShouldBe(ProblemJson, what);
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        problem.GetProperty("type").GetString().ShouldBe(ProblemTypes + type, what);
        problem.GetProperty("status").GetInt32().ShouldBe((int)status, what);
        if (code is not null)
        {
            problem.GetProperty("code").GetString().ShouldBe(code, what);
        }

        return problem;
    }

    /// <summary>
    /// Creates tenant <paramref name="slug"/> through the platform API, with admin <c>admin@{slug}.test</c> who signs in with the test
    /// password.
    /// </summary>
    public static async Task<Guid> CreateTenantAsync(this NateroWebFactory factory, string slug)
    {
        var adminEmail = $"admin@{slug}.test";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            (
                await users.CreateAsync(
                    new ApplicationUser
                    {
                        UserName = adminEmail,
                        Email = adminEmail,
                        EmailConfirmed = true,
                    },
                    TestUsers.Password
                )
            ).Succeeded.ShouldBeTrue();
        }

        using var platform = Client(factory, await PlatformKeyAsync(factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAdmin));
        using var response = await platform.SendAsync(
            HttpMethod.Post,
            "/api/v1/platform/tenants",
            new
            {
                name = slug.ToUpperInvariant(),
                slug,
                adminEmail,
            }
        );
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await factory.AcceptInvitationAsync(adminEmail);
        return (await response.JsonAsync()).GetProperty("tenantId").GetGuid();
    }

    /// <summary>A Natero staff member with the PlatformAuditor role, who may create auditor keys.</summary>
    public static async Task CreateAuditorAsync(this NateroWebFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = Auditor,
            Email = Auditor,
            EmailConfirmed = true,
        };
        (await users.CreateAsync(user, TestUsers.Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, PlatformRoles.PlatformAuditor)).Succeeded.ShouldBeTrue();
    }

    /// <summary>
    /// Connects the emulator's Acme org to the demo tenant through Manage OAuth, as its admin; returns the connection id.
    /// </summary>
    public static async Task<Guid> ConnectDemoAsync(this NateroWebFactory factory)
    {
        using var browser = factory.NewBrowser();
        using (var signIn = await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password))
        {
            signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, "sign-in should succeed");
        }

        using (var response = await ConnectFlow.ConnectAsync(browser, factory.Salesforce.Demo.Admin))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var orgId = factory.Salesforce.Demo.Acme.Id;
        var connection = await factory.DbAsync(db =>
            db.ProviderConnections.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.ExternalOrgId == orgId)
        );
        connection.HasTokens.ShouldBeTrue(connection.LastErrorMessage);
        factory.Salesforce.RequestLog.Clear();
        return connection.Id;
    }

    /// <summary>
    /// A connection row written straight into a tenant (no tokens), its id made at <paramref name="at"/> so
    /// that rows sort as they would have been created.
    /// </summary>
    public static async Task<Guid> AddConnectionAsync(
        this NateroWebFactory factory,
        string tenantSlug,
        DateTimeOffset at,
        string? orgId = null
    )
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == tenantSlug);
        var admin = await db
            .Memberships.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(m => m.TenantId == tenant.Id)
            .Select(m => m.UserId)
            .FirstAsync();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id, tenant.Slug);
        var org = orgId ?? "00D" + Guid.NewGuid().ToString("N")[..15];
        var account = new ProviderAccount(
            org,
            "005" + Guid.NewGuid().ToString("N")[..15],
            $"user@{org}.example",
            "Test User",
            new Uri($"https://{org.ToLowerInvariant()}.my.salesforce.com")
        );
        var connection = ProviderConnection.Authorize(
            Guid.CreateVersion7(at),
            tenant.Id,
            "salesforce",
            new SignInSite("Production", null),
            account,
            "api refresh_token",
            admin,
            "Test",
            at
        );
        db.ProviderConnections.Add(connection);
        await db.SaveChangesAsync();
        return connection.Id;
    }

    /// <summary>Reads the database as someone with direct access would, across tenants.</summary>
    public static async Task<T> DbAsync<T>(this NateroWebFactory factory, Func<ApplicationDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    public static Task<List<AuditEvent>> AuditEventsAsync(this NateroWebFactory factory, string action) =>
        factory.DbAsync(db => db.AuditEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.Action == action).ToListAsync());

    /// <summary>An event's data, as the facts it was recorded with.</summary>
    public static Dictionary<string, string?> DataOf(AuditEvent e) => JsonSerializer.Deserialize<Dictionary<string, string?>>(e.Data!)!;

    public static Task<List<ApiKey>> StoredKeysAsync(this NateroWebFactory factory) =>
        factory.DbAsync(db => db.ApiKeys.IgnoreQueryFilters().AsNoTracking().ToListAsync());

    /// <summary>The stored row of a key, found by the hash of its plaintext.</summary>
    public static Task<ApiKey> StoredKeyAsync(this NateroWebFactory factory, string plaintext)
    {
        var hash = ApiKeySecret.Hash(plaintext);
        return factory.DbAsync(db => db.ApiKeys.IgnoreQueryFilters().AsNoTracking().SingleAsync(k => k.SecretHash == hash));
    }

    /// <summary>
    /// "Table.Column" of every stored value, in every table (or only <paramref name="onlyTable"/>), that contains <paramref
    /// name="text"/>.
    /// </summary>
    public static async Task<List<string>> StoredValuesContainingAsync(
        this NateroWebFactory factory,
        string text,
        string? onlyTable = null
    ) =>
        [
            .. (await DatabaseText.CellsAsync(factory.Database, onlyTable is null ? [] : [onlyTable]))
                .Where(c => c.Value.Contains(text, StringComparison.Ordinal))
                .Select(c => $"{c.Table}.{c.Column}"),
        ];

    /// <summary>A GET from <paramref name="address"/>, on a host made by <see cref="WithSettings"/>.</summary>
    public static async Task<HttpResponseMessage> GetFromAsync(this HttpClient client, string path, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ClientAddressHeader, address);
        return await client.SendAsync(request);
    }

    /// <summary>The demo admin, signed in as <paramref name="admin"/>, sets the demo member's permissions on the Users page.</summary>
    public static async Task SetDemoMemberPermissionsAsync(Browser admin, params string[] permissions)
    {
        const string usersPage = "/t/" + TestUsers.DemoTenant + "/settings/users";
        var membershipId = UsersPageTests.MembershipIdOf(await admin.GetHtmlAsync(usersPage), TestUsers.DemoMember);
        using var response = await admin.SubmitAsync(
            usersPage,
            usersPage + "?handler=Permissions",
            [new("membershipId", membershipId), .. permissions.Select(p => new KeyValuePair<string, string>("permissions", p))]
        );
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>
    /// A host like the factory's with extra settings; a request may name its client address in <see cref="ClientAddressHeader"/>.
    /// </summary>
    public static WebApplicationFactory<Program> WithSettings(
        this NateroWebFactory factory,
        params (string Key, string Value)[] settings
    ) =>
        factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddress>());
        });

    private static async Task<string> SaveAsync(
        IServiceProvider services,
        Guid? tenantId,
        string? slug,
        Guid creatorId,
        string[] scopes,
        TimeSpan lifetime
    )
    {
        var db = services.GetRequiredService<ApplicationDbContext>();
        if (tenantId is { } id)
        {
            services.GetRequiredService<ITenantContext>().SetTenant(id, slug!);
        }

        var (plaintext, prefix, hash) = ApiKeySecret.Generate();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        db.ApiKeys.Add(ApiKey.Create(Guid.CreateVersion7(now), tenantId, "test key", prefix, hash, scopes, creatorId, now + lifetime));
        await db.SaveChangesAsync();
        return plaintext;
    }

    /// <summary>Plays the part of the socket: a request carrying <see cref="ClientAddressHeader"/> comes from that address.</summary>
    private sealed class ClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                app.Use(
                    (context, following) =>
                    {
                        if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var address))
                        {
                            context.Connection.RemoteIpAddress = address;
                        }

                        return following(context);
                    }
                );
                next(app);
            };
    }
}
