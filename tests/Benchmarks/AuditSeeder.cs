using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Tenants;
using Natero.Connectors.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// A year of audit history for many tenants, written with PostgreSQL binary COPY. Every tenant gets
/// exactly <see cref="EventsPerTenant"/> events at uniformly random times over the last 365 days; rows
/// go in in global time order, as the application appends them, and each tenant's events are sealed
/// into its chain in that order, so the chains verify.
/// </summary>
internal static class AuditSeeder
{
    public static int TenantCount => BenchSize.Of(1_000, 10);
    public static int EventsPerTenant => BenchSize.Of(1_000, 20);

    /// <summary>Actions and their share of events, in percent: mostly background token work, some people, a few admins.</summary>
    public static readonly IReadOnlyList<(string Action, int Percent)> Mix =
    [
        ("connection.token_refreshed", 40),
        ("connection.verify_requested", 12),
        ("connection.status_changed", 10),
        ("connection.authorization_started", 7),
        ("connection.callback", 7),
        ("member.permissions_changed", 5),
        ("connection.refresh_failed", 4),
        ("connection.needs_reauthorization", 4),
        ("member.added", 4),
        ("connection.disconnected", 3),
        ("audit.exported", 2),
        ("connection.suspended", 2),
    ];

    private static readonly string[] Browsers =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    ];

    private static readonly string[] Columns =
    [
        "Id",
        "OccurredAt",
        "TenantId",
        "ActorType",
        "ActorId",
        "ActorName",
        "Action",
        "Target",
        "Outcome",
        "Reason",
        "IpAddress",
        "UserAgent",
        "CorrelationId",
        "Data",
        "ChainKey",
        "Seq",
        "PrevHash",
        "Hash",
    ];

    internal sealed record SeededTenant(Guid Id, string Slug, Guid[] Users, Guid[] Connections, Guid ApiKey);

    internal sealed record SeedResult(
        IReadOnlyList<SeededTenant> Tenants,
        long Events,
        DateTimeOffset Now,
        TimeSpan TenantsTime,
        TimeSpan CopyTime,
        TimeSpan VacuumTime,
        string TableSize,
        string IndexSize
    );

    public static async Task<SeedResult> SeedAsync(BenchHost host)
    {
        var rng = new Random(20261129);
        var now = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var tenants = await CreateTenantsAsync(host);
        var tenantTime = Stopwatch.GetElapsedTime(started);

        started = Stopwatch.GetTimestamp();
        var events = await CopyEventsAsync(host.Database.ConnectionString, tenants, now, rng);
        var copyTime = Stopwatch.GetElapsedTime(started);

        // What autovacuum would have done to a table that grew over a year: statistics, visibility map, hint bits.
        started = Stopwatch.GetTimestamp();
        await using var connection = new NpgsqlConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "VACUUM (ANALYZE) \"AuditEvents\"");
        await ExecuteAsync(connection, "ANALYZE \"Tenants\"");
        var vacuumTime = Stopwatch.GetElapsedTime(started);

        await using var sizes = new NpgsqlCommand(
            "SELECT pg_size_pretty(pg_table_size('\"AuditEvents\"')), pg_size_pretty(pg_indexes_size('\"AuditEvents\"'))",
            connection
        );
        await using var reader = await sizes.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new SeedResult(tenants, events, now, tenantTime, copyTime, vacuumTime, reader.GetString(0), reader.GetString(1));
    }

    private static async Task<List<SeededTenant>> CreateTenantsAsync(BenchHost host)
    {
        var tenants = Enumerable
            .Range(1, TenantCount)
            .Select(i => new SeededTenant(
                Guid.CreateVersion7(),
                $"t{i:0000}",
                [.. Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7())],
                [.. Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7())],
                Guid.CreateVersion7()
            ))
            .ToList();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.Tenants.AddRange(tenants.Select(t => Tenant.Create(t.Id, TenantSlug.Parse(t.Slug), $"Tenant {t.Slug[1..]}")));
        await db.SaveChangesAsync();
        return tenants;
    }

    private static async Task<long> CopyEventsAsync(string connectionString, List<SeededTenant> tenants, DateTimeOffset now, Random rng)
    {
        // Every tenant's times, then all of them in time order: the order the application would have appended them.
        var total = tenants.Count * EventsPerTenant;
        var start = now.AddDays(-365).ToUnixTimeMilliseconds();
        var span = now.ToUnixTimeMilliseconds() - start;
        var times = new long[total];
        var owners = new int[total];
        for (var i = 0; i < total; i++)
        {
            times[i] = start + rng.NextInt64(span);
            owners[i] = i % tenants.Count;
        }

        Array.Sort(times, owners);
        var weights = Mix.Select(m => m.Percent).ToArray();
        var links = new AuditLink?[tenants.Count];
        var platformAdmin = Guid.CreateVersion7();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var copy = $"COPY \"AuditEvents\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy);
        for (var i = 0; i < total; i++)
        {
            var owner = owners[i];
            var e = Make(rng, tenants[owner], DateTimeOffset.FromUnixTimeMilliseconds(times[i]), Pick(rng, weights), platformAdmin);
            e.Seal(links[owner]);
            links[owner] = new AuditLink(e.Seq, e.Hash);
            await WriteAsync(importer, e);
        }

        return (long)await importer.CompleteAsync();
    }

    private static string Pick(Random rng, int[] weights)
    {
        var roll = rng.Next(100);
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return Mix[i].Action;
            }
        }

        return Mix[^1].Action;
    }

    private static AuditEvent Make(Random rng, SeededTenant tenant, DateTimeOffset at, string action, Guid platformAdmin)
    {
        var connection = $"connection:{tenant.Connections[rng.Next(tenant.Connections.Length)]}";
        var member = $"user:{tenant.Users[rng.Next(tenant.Users.Length)]}";
        var roll = rng.NextDouble();
        var (actor, target, outcome, reason, data) = action switch
        {
            "connection.token_refreshed" => (
                ActorType.System,
                connection,
                AuditOutcome.Success,
                null,
                "{\"provider\":\"salesforce\",\"expires_in\":\"7200\"}"
            ),
            "connection.status_changed" => (
                ActorType.System,
                connection,
                AuditOutcome.Success,
                null,
                "{\"from\":\"Active\",\"to\":\"NeedsReauthorization\"}"
            ),
            "connection.refresh_failed" => (
                ActorType.System,
                connection,
                AuditOutcome.Failure,
                "invalid_grant: expired access/refresh token",
                null
            ),
            "connection.needs_reauthorization" => (
                ActorType.System,
                connection,
                AuditOutcome.Success,
                "The refresh token was revoked in Salesforce.",
                null
            ),
            "connection.verify_requested" => roll < 0.05
                ? (ActorType.User, connection, AuditOutcome.Denied, "You need the \"Manage connections\" permission in this tenant.", null)
                : (roll < 0.35 ? ActorType.ApiKey : ActorType.User, connection, AuditOutcome.Success, null, null),
            "connection.callback" => roll < 0.1
                ? (ActorType.User, connection, AuditOutcome.Failure, "access_denied: end-user denied authorization", null)
                : (ActorType.User, connection, AuditOutcome.Success, null, "{\"provider\":\"salesforce\",\"environment\":\"Production\"}"),
            "member.permissions_changed" => roll < 0.15
                ? (ActorType.User, member, AuditOutcome.Denied, "You need the \"Manage members\" permission in this tenant.", null)
                : (ActorType.User, member, AuditOutcome.Success, null, "{\"added\":\"connections.manage\",\"removed\":null}"),
            "audit.exported" => (
                ActorType.User,
                (string?)null,
                AuditOutcome.Success,
                (string?)null,
                "{\"tenant\":null,\"action\":\"connection.*\",\"from\":null,\"to\":null}"
            ),
            "connection.suspended" => (
                ActorType.PlatformAdmin,
                connection,
                AuditOutcome.Success,
                "Suspended at the customer's request (ticket 4711).",
                null
            ),
            "member.added" => (ActorType.User, member, AuditOutcome.Success, null, "{\"permissions\":\"connections.view,audit.view\"}"),
            _ => (ActorType.User, connection, AuditOutcome.Success, (string?)null, (string?)null),
        };

        var user = rng.Next(tenant.Users.Length);
        var (actorId, actorName, ip, agent) = actor switch
        {
            ActorType.User => (
                tenant.Users[user].ToString(),
                $"user{user}@{tenant.Slug}.example.com",
                $"203.0.113.{rng.Next(1, 255)}",
                Browsers[rng.Next(Browsers.Length)]
            ),
            ActorType.ApiKey => (
                tenant.ApiKey.ToString(),
                $"api-key:{tenant.Slug}-ci",
                $"198.51.100.{rng.Next(1, 255)}",
                "natero-cli/2.3.1 (+https://natero.example/cli)"
            ),
            ActorType.PlatformAdmin => (platformAdmin.ToString(), "ops@natero.example", "10.20.0.5", Browsers[0]),
            _ => ((string?)null, "system", (string?)null, (string?)null),
        };

        Span<byte> trace = stackalloc byte[16];
        rng.NextBytes(trace);
        return AuditEvent.Record(
            Guid.CreateVersion7(at),
            at,
            tenant.Id,
            actor,
            actorId,
            actorName,
            action,
            target,
            outcome,
            reason,
            ip,
            agent,
            Convert.ToHexStringLower(trace),
            data
        );
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter importer, AuditEvent e)
    {
        await importer.StartRowAsync();
        await importer.WriteAsync(e.Id, NpgsqlDbType.Uuid);
        await importer.WriteAsync(e.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        await importer.WriteAsync(e.TenantId!.Value, NpgsqlDbType.Uuid);
        await importer.WriteAsync(e.ActorType.ToString(), NpgsqlDbType.Varchar);
        await TextAsync(importer, e.ActorId);
        await importer.WriteAsync(e.ActorName, NpgsqlDbType.Varchar);
        await importer.WriteAsync(e.Action, NpgsqlDbType.Varchar);
        await TextAsync(importer, e.Target);
        await importer.WriteAsync(e.Outcome.ToString(), NpgsqlDbType.Varchar);
        await TextAsync(importer, e.Reason);
        await TextAsync(importer, e.IpAddress);
        await TextAsync(importer, e.UserAgent);
        await TextAsync(importer, e.CorrelationId);
        if (e.Data is null)
        {
            await importer.WriteNullAsync();
        }
        else
        {
            await importer.WriteAsync(e.Data, NpgsqlDbType.Text);
        }

        await importer.WriteAsync(e.ChainKey, NpgsqlDbType.Varchar);
        await importer.WriteAsync(e.Seq, NpgsqlDbType.Bigint);
        await importer.WriteAsync(e.PrevHash, NpgsqlDbType.Varchar);
        await importer.WriteAsync(e.Hash, NpgsqlDbType.Varchar);
    }

    private static async Task TextAsync(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            await importer.WriteNullAsync();
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Varchar);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}
