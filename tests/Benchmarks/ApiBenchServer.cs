using System.Buffers.Text;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Connections.Queries.GetConnections;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.Composition;
using Npgsql;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// The real web app on Kestrel over plain http on a free loopback port (as tests/Web.AcceptanceTests'
/// AppServer runs it), on a fresh database and the Salesforce emulator, with one extra endpoint that only
/// this process has: <see cref="BarePath"/>, the demo tenant's first page of connections read with plain
/// Npgsql and written as the API writes it, with no authentication, mediator or EF Core in the way.
/// </summary>
internal sealed class ApiBenchServer : IAsyncDisposable
{
    public const string ApiPath = "/api/v1/connections";
    public const string BarePath = "/bench/bare-connections";
    public const int PageSize = 50;

    /// <summary>A POST that answers an access token's JSON shape from memory: the load generator's own cost per request.</summary>
    public const string NoopTokenPath = "/bench/noop-access-token";

    /// <summary>The columns <see cref="ConnectionDto"/> is projected from, in its order; the API's first page.</summary>
    private const string BareSql = """
        SELECT "Id", "Provider", "Environment", "SignInHost", "ExternalOrgId", "ExternalUserId", "Username", "DisplayName",
               "InstanceUrl", "GrantedScopes", "Status", "AuthorizedByUserId", "AuthorizedByName", "AuthorizedAt",
               "ConfigurationCompletedAt", "LastRefreshedAt", "LastVerifiedAt", "LastErrorCode", "LastErrorMessage", "LastErrorAt",
               "SuspendedAt", "SuspensionReason", "DisconnectedAt", "Version"
        FROM "ProviderConnections"
        WHERE "TenantId" = $1
        ORDER BY "Id" DESC
        LIMIT $2
        """;

    /// <summary>What the API's JSON options are: web defaults (camelCase) with enums as their names.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _bare;

    private ApiBenchServer(
        WebApplication app,
        NpgsqlDataSource bare,
        TestDatabase database,
        SalesforceEmulatorHost salesforce,
        Uri baseUrl,
        BareTenant tenant
    )
    {
        _app = app;
        _bare = bare;
        Database = database;
        Salesforce = salesforce;
        BaseUrl = baseUrl;
        Tenant = tenant;
    }

    public TestDatabase Database { get; }
    public SalesforceEmulatorHost Salesforce { get; }
    public Uri BaseUrl { get; }

    /// <summary>
    /// A load generator's client of the app: JSON, the API key as bearer, enough connections for the workers. It sends
    /// no trace header and records its metrics on meters of its own, which no OpenTelemetry provider listens to.
    /// </summary>
    public HttpClient ApiClient(string key, int workers)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = workers * 2,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
            MeterFactory = LoadGeneratorMeters.Instance,
        };
        var client = new HttpClient(handler) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The tenant the bare endpoint reads; set once the demo tenant is known.</summary>
    public BareTenant Tenant { get; }

    /// <param name="capture">The interceptor EF Core's commands pass through.</param>
    /// <param name="settings">Configuration over the bench's own (a scenario's switches, OpenTelemetry's say).</param>
    public static async Task<ApiBenchServer> StartAsync(SqlCapture capture, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync("bench_api");
        var salesforce = await SalesforceEmulatorHost.StartAsync();
        try
        {
            return await StartAsync(capture, database, salesforce, settings ?? new Dictionary<string, string?>());
        }
        catch
        {
            // Drop the database this run made, even when the app does not start.
            await salesforce.DisposeAsync();
            await database.DisposeAsync();
            throw;
        }
    }

    private static async Task<ApiBenchServer> StartAsync(
        SqlCapture capture,
        TestDatabase database,
        SalesforceEmulatorHost salesforce,
        IReadOnlyDictionary<string, string?> settings
    )
    {
        var port = SalesforceTestSettings.FreeTcpPort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions
            {
                // The Web assembly's name, so that its Razor pages are found as in the real host.
                ApplicationName = typeof(NateroConnectorsExtensions).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,

                // As the acceptance tests' AppServer: only the sign-in banner looks at it, and stays quiet.
                EnvironmentName = "Testing",
            }
        );
        builder.Configuration.AddInMemoryCollection(
            database.Settings.Concat(SalesforceTestSettings.For(salesforce, $"{baseUrl}oauth/callback/salesforce"))
        );
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["Security:AllowInsecureCookies"] = "true",
                ["Monitor:Enabled"] = "false",

                // The load comes from one key: the limiter must count it, never refuse it.
                ["RateLimits:PerKey:PermitLimit"] = "100000000",
                ["RateLimits:PerTenant:PermitLimit"] = "100000000",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            }
        );
        builder.Configuration.AddInMemoryCollection(BenchSettings.AsInProduction);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // Warnings stay visible, on stderr: stdout is the markdown report.
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));
        builder.AddNateroConnectors();
        builder.Services.ConfigureDbContext<PostgresApplicationDbContext>((_, options) => options.AddInterceptors(capture));

        var app = builder.Build();
        app.UseNateroStandaloneHost();
        app.MapNateroConnectors();
        var bare = NpgsqlDataSource.Create(app.Services.GetRequiredService<DatabaseOptions>().ConnectionString);
        var tenant = new BareTenant();
        app.MapGet(BarePath, new RequestDelegate(context => WriteBarePageAsync(context, bare, tenant)))
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapPost(NoopTokenPath, new RequestDelegate(WriteNoopTokenAsync)).AllowAnonymous().ExcludeFromDescription();
        await app.StartAsync();
        return new ApiBenchServer(app, bare, database, salesforce, baseUrl, tenant);
    }

    /// <summary>
    /// <see cref="PageSize"/> connections of the demo tenant, made through the domain's own methods in a
    /// mix of statuses, and a key of the tenant with <see cref="Permissions.DataConnectors.View"/> (as
    /// the functional tests' ApiTesting makes one). Returns the key's plaintext and the connections' ids.
    /// </summary>
    public async Task<(string ApiKey, IReadOnlySet<Guid> Connections)> SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == TestUsers.DemoTenant);
        var admin = await db.Users.AsNoTracking().SingleAsync(u => u.Email == TestUsers.DemoAdmin);
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id, tenant.Slug);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        var ids = new HashSet<Guid>();
        for (var i = 0; i < PageSize; i++)
        {
            var at = now.AddDays(-PageSize + i).AddMinutes(i * 7);
            var environment = (i % 3) switch
            {
                0 => "Production",
                1 => "Sandbox",
                _ => "MyDomain",
            };
            var host = $"acme{i:00}.my.salesforce.com";
            var account = new ProviderAccount(
                $"00D5g{i:0000000000}AAA",
                $"0055g{i:0000000000}AAA",
                $"integration{i:00}@acme{i:00}.example.com",
                $"Integration User {i:00}",
                new Uri($"https://{host}")
            );
            var connection = ProviderConnection.Authorize(
                Guid.CreateVersion7(at),
                tenant.Id,
                "salesforce",
                new SignInSite(environment, environment == "MyDomain" ? host : null),
                account,
                "api refresh_token offline_access id",
                admin.Id,
                admin.DisplayName ?? admin.Email,
                at
            );

            // Opaque text where the ciphertexts go: the list never decrypts them.
            connection.StoreTokens(
                new ProtectedTokens($"bench-access-{i:00}-{new string('x', 180)}", $"bench-refresh-{i:00}-{new string('y', 120)}", at)
            );
            if (i % 5 != 0)
            {
                connection.CompleteConfiguration(admin.Id, null, at.AddHours(2));
                connection.MarkVerified(at.AddDays(1));
            }

            if (i % 7 == 3)
            {
                connection.MarkNeedsReauthorization(new ConnectionError("invalid_grant", "expired access/refresh token"), at.AddDays(2));
            }

            db.ProviderConnections.Add(connection);
            ids.Add(connection.Id);
        }

        var (plaintext, prefix, hash) = ApiKeySecret.Generate();
        db.ApiKeys.Add(
            ApiKey.Create(
                Guid.CreateVersion7(now),
                tenant.Id,
                "bench key",
                prefix,
                hash,
                [Permissions.DataConnectors.View],
                admin.Id,
                now.AddDays(30)
            )
        );
        await db.SaveChangesAsync();

        // What autovacuum would have done by now: statistics for the planner, the visibility map for index-only scans.
        await using (var connection = await _bare.OpenConnectionAsync())
        {
            foreach (var table in new[] { "ProviderConnections", "ApiKeys", "Memberships", "Tenants" })
            {
                await using var vacuum = new NpgsqlCommand($"VACUUM (ANALYZE) \"{table}\"", connection);
                await vacuum.ExecuteNonQueryAsync();
            }
        }

        Tenant.Id = tenant.Id;
        return (plaintext, ids);
    }

    /// <summary>
    /// One configured connection of the demo tenant holding a fresh access token (encrypted as the app does,
    /// bound to its row), and a key of the tenant with <see cref="Permissions.DataConnectors.ReadCredentials"/>.
    /// Returns the key's plaintext, the connection's id and the plaintext access token.
    /// </summary>
    public async Task<(string ApiKey, Guid Connection, string AccessToken)> SeedCredentialReaderAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == TestUsers.DemoTenant);
        var admin = await db.Users.AsNoTracking().SingleAsync(u => u.Email == TestUsers.DemoAdmin);
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id, tenant.Slug);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();

        var id = Guid.CreateVersion7(now);

        // An org of its own: SeedAsync's connections may be in the same tenant (telemetry-cost seeds both).
        var account = new ProviderAccount(
            "00D5g0000009999AAA",
            "0055g0000009999AAA",
            "integration@acme.example.com",
            "Integration User",
            new Uri("https://acme.my.salesforce.com")
        );
        var connection = ProviderConnection.Authorize(
            id,
            tenant.Id,
            "salesforce",
            new SignInSite("Production", null),
            account,
            "api refresh_token offline_access id",
            admin.Id,
            admin.DisplayName ?? admin.Email,
            now
        );
        var accessToken = $"00D5g0000000001!bench.{new string('a', 96)}";
        connection.StoreTokens(
            new ProtectedTokens(
                protector.Protect(accessToken, SecretBinding.AccessToken(tenant.Id, id)),
                protector.Protect($"5Aep861bench{new string('r', 75)}", SecretBinding.RefreshToken(tenant.Id, id)),
                now
            )
        );
        connection.CompleteConfiguration(admin.Id, null, now);
        connection.MarkVerified(now);
        db.ProviderConnections.Add(connection);

        var (plaintext, prefix, hash) = ApiKeySecret.Generate();
        db.ApiKeys.Add(
            ApiKey.Create(
                Guid.CreateVersion7(now),
                tenant.Id,
                "bench credential reader",
                prefix,
                hash,
                [Permissions.DataConnectors.ReadCredentials],
                admin.Id,
                now.AddDays(30)
            )
        );
        await db.SaveChangesAsync();
        Tenant.Id = tenant.Id;
        return (plaintext, id, accessToken);
    }

    /// <summary>How many audit events the tenant's chain holds for <paramref name="action"/>.</summary>
    public async Task<long> CountAuditEventsAsync(string action)
    {
        await using var connection = await _bare.OpenConnectionAsync();
        const string Count = """SELECT count(*) FROM "AuditEvents" WHERE "TenantId" = $1 AND "Action" = $2""";
        await using var command = new NpgsqlCommand(Count, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Tenant.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = action });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _bare.DisposeAsync();
        await Salesforce.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>What <c>GET /api/v1/connections</c> answers, from one plain query on a pooled connection.</summary>
    private static async Task WriteBarePageAsync(HttpContext context, NpgsqlDataSource dataSource, BareTenant tenant)
    {
        var items = new List<ConnectionDto>(PageSize + 1);
        await using (var connection = await dataSource.OpenConnectionAsync(context.RequestAborted))
        {
            await using var command = new NpgsqlCommand(BareSql, connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenant.Id });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PageSize + 1 });
            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
            while (await reader.ReadAsync(context.RequestAborted))
            {
                items.Add(Read(reader));
            }
        }

        string? next = null;
        if (items.Count > PageSize)
        {
            Span<byte> bytes = stackalloc byte[16];
            items[PageSize - 1].Id.TryWriteBytes(bytes, bigEndian: true, out _);
            next = Base64Url.EncodeToString(bytes);
            items.RemoveAt(PageSize);
        }

        await context.Response.WriteAsJsonAsync(new BarePage(items, next), Json, context.RequestAborted);
    }

    private static Task WriteNoopTokenAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(NoopToken, Json, context.RequestAborted);
    }

    private static readonly BareToken NoopToken = new(
        $"00D5g0000000001!bench.{new string('a', 96)}",
        new Uri("https://acme.my.salesforce.com"),
        DateTimeOffset.UnixEpoch
    );

    private static ConnectionDto Read(NpgsqlDataReader r) =>
        new(
            r.GetGuid(0),
            r.GetString(1),
            r.GetString(2),
            Text(r, 3),
            r.GetString(4),
            r.GetString(5),
            r.GetString(6),
            Text(r, 7),
            r.GetString(8),
            r.GetString(9),
            Enum.Parse<ConnectionStatus>(r.GetString(10)),
            r.GetGuid(11),
            Text(r, 12),
            r.GetFieldValue<DateTimeOffset>(13),
            Time(r, 14),
            Time(r, 15),
            Time(r, 16),
            Text(r, 17),
            Text(r, 18),
            Time(r, 19),
            Time(r, 20),
            Text(r, 21),
            Time(r, 22),
            r.GetInt32(23)
        );

    private static string? Text(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static DateTimeOffset? Time(NpgsqlDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : r.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>Meters named apart from the runtime's: <c>System.Net.Http</c> is <c>bench.load-generator.System.Net.Http</c>.</summary>
    private sealed class LoadGeneratorMeters : IMeterFactory
    {
        public static readonly LoadGeneratorMeters Instance = new();

        public Meter Create(MeterOptions options) => new("bench.load-generator." + options.Name, options.Version);

        public void Dispose() { }
    }

    internal sealed class BareTenant
    {
        public Guid Id { get; set; }
    }

    /// <summary>The shape of the API's AccessTokenResponse.</summary>
    private sealed record BareToken(string AccessToken, Uri InstanceUrl, DateTimeOffset? IssuedAt);

    /// <summary>The shape of the API's ConnectionPage.</summary>
    private sealed record BarePage(IReadOnlyList<ConnectionDto> Items, string? NextCursor);
}
