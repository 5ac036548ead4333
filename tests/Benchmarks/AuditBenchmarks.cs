using System.Diagnostics;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Audit;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// The audit log at a year's scale on PostgreSQL: 1,000 tenants × 1,000 events (see <see cref="AuditSeeder"/>).
/// First-page latency of the searches a platform admin runs, CSV export throughput and memory, and
/// concurrent append throughput with the chains verified afterwards.
/// </summary>
internal static class AuditBenchmarks
{
    private static int Samples => BenchSize.Of(200, 5);
    private static int WarmUp => BenchSize.Of(20, 2);
    private const int PageSize = 50;
    private const int Writers = 8;
    private static TimeSpan AppendDuration => BenchSize.Of(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
    private static readonly Guid BenchAdminId = Guid.CreateVersion7();

    public static async Task<int> RunAsync()
    {
        if (!string.Equals(TestDatabase.Requested, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine(
                "The audit scenario measures PostgreSQL only: set NATERO_TEST_DB=Postgres "
                    + "and NATERO_TEST_POSTGRES (scripts/postgres.sh starts a server)."
            );
            return 2;
        }

        var capture = new SqlCapture();
        await using var host = await BenchHost.StartAsync(services =>
            services.ConfigureDbContext<PostgresApplicationDbContext>((_, options) => options.AddInterceptors(capture))
        );
        var seed = await AuditSeeder.SeedAsync(host);
        PrintSeed(seed);

        var rng = new Random(7);
        var tenants = seed.Tenants;
        var actions = AuditSeeder.Mix.Select(m => m.Action).ToList();
        AuditEventFilter TenantMonth() => new(Tenant: tenants[rng.Next(tenants.Count)].Slug, From: DateTimeOffset.UtcNow.AddDays(-30));
        AuditEventFilter OneAction() => new(Action: actions[rng.Next(actions.Count)]);
        var deepCursor = new AuditCursor(seed.Now.AddDays(-180), Guid.AllBitsSet).ToString();

        // 2a, 2b and 2c, then a page half a year back to show whether the cursor is an index bound.
        var tenantMonth = await PageLatencyAsync(host, () => new SearchAuditEventsQuery(TenantMonth(), null, PageSize));
        var actionFirst = new Latencies();
        var actionSecond = new Latencies();
        for (var i = 0; i < WarmUp + Samples; i++)
        {
            var filter = OneAction();
            var (firstMs, first) = await SearchAsync(host, new SearchAuditEventsQuery(filter, null, PageSize));
            var (secondMs, second) = await SearchAsync(host, new SearchAuditEventsQuery(filter, first.NextCursor, PageSize));
            if (i >= WarmUp)
            {
                actionFirst.Add(firstMs, first.Events.Count);
                actionSecond.Add(secondMs, second.Events.Count);
            }
        }

        var actionDeep = await PageLatencyAsync(host, () => new SearchAuditEventsQuery(OneAction(), deepCursor, PageSize));

        Console.WriteLine();
        Console.WriteLine($"### First page latency (page size {PageSize}, platform admin, {Samples} samples after {WarmUp} warm-up)");
        Console.WriteLine();
        Console.WriteLine("| query | n | rows per page (mean) | median (ms) | p95 (ms) | p99 (ms) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        tenantMonth.Print("a. one tenant (random of 1,000) + last 30 days, first page");
        actionFirst.Print("b. platform-wide, one action (random of the mix), first page");
        actionSecond.Print("c. same as b, second page via its cursor");
        actionDeep.Print("d. platform-wide, one action, page with a cursor 180 days back");

        // The SQL EF Core sends for 2a, 2b and 2d, explained with the same parameters.
        await ExplainAsync(
            host,
            capture,
            "a. one tenant + last 30 days",
            new SearchAuditEventsQuery(
                new AuditEventFilter(Tenant: tenants[0].Slug, From: DateTimeOffset.UtcNow.AddDays(-30)),
                null,
                PageSize
            ),
            analyze: true
        );
        await ExplainAsync(
            host,
            capture,
            "b. platform-wide, action = connection.verify_requested",
            new SearchAuditEventsQuery(new AuditEventFilter(Action: "connection.verify_requested"), null, PageSize),
            analyze: true
        );
        await ExplainAsync(
            host,
            capture,
            "d. action = connection.token_refreshed, cursor 180 days back",
            new SearchAuditEventsQuery(new AuditEventFilter(Action: "connection.token_refreshed"), deepCursor, PageSize),
            analyze: true
        );

        var exportAll = await ExportAsync(host, AuditEventFilter.None);
        var exportAction = await ExportAsync(host, new AuditEventFilter(Action: "connection.verify_requested"));
        Console.WriteLine();
        Console.WriteLine("### CSV export (ExportAuditEventsQuery → AuditCsv.WriteAsync to a counting null stream)");
        Console.WriteLine();
        Console.WriteLine(
            "| export | rows | seconds | rows/s | MB written | managed heap before (MB) | peak "
                + "managed heap (MB) | peak working set (MB) | allocated per row (bytes) | gen0 / gen2 GCs |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        exportAll.Print("whole platform, no filter");
        exportAction.Print("action = connection.verify_requested");
        await ExplainAsync(
            host,
            capture,
            "export, no filter (plan only)",
            new ExportAuditEventsQuery(AuditEventFilter.None),
            analyze: false
        );

        // Appends: (a) each writer on a chain of its own, (b) every writer on one chain.
        var ownChains = tenants.Skip(1).Take(Writers).ToList();
        var oneChain = tenants[0];
        await AppendAsync(host, [.. Enumerable.Repeat(tenants[^1], 50)], sequential: true);
        var spread = await AppendAsync(host, ownChains, sequential: false);
        var contended = await AppendAsync(host, [.. Enumerable.Repeat(oneChain, Writers)], sequential: false);
        Console.WriteLine();
        Console.WriteLine(
            "### Appends (IAuditTrail.Record + SaveChangesAsync, one DI scope each, "
                + $"{Writers} concurrent writers for {AppendDuration.TotalSeconds:0} s)"
        );
        Console.WriteLine();
        Console.WriteLine("| writers on | appends | seconds | appends/s | median (ms) | p99 (ms) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        spread.Print($"a. {Writers} chains, one each");
        contended.Print($"b. one chain, all {Writers}");

        Console.WriteLine();
        Console.WriteLine("### Chains verified after the appends (VerifyAuditChainQuery)");
        Console.WriteLine();
        Console.WriteLine("| chain | intact | events checked | ms | message |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (
            var (label, tenantId) in ownChains
                .Select(t => (t.Slug, (Guid?)t.Id))
                .Append((oneChain.Slug, oneChain.Id))
                .Append(("platform", null))
        )
        {
            await using var scope = AsPlatformAdmin(host);
            var started = Stopwatch.GetTimestamp();
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new VerifyAuditChainQuery(tenantId));
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var v = result.Value;
            Console.WriteLine($"| {label} | {(v.Intact ? "yes" : "**NO**")} | {v.EventsChecked:N0} | {ms:0} | {v.Message} |");
        }

        return 0;
    }

    private static void PrintSeed(AuditSeeder.SeedResult seed)
    {
        var copySeconds = seed.CopyTime.TotalSeconds;
        Console.WriteLine("## Audit log, PostgreSQL");
        Console.WriteLine();
        Console.WriteLine(
            $"### Seed ({AuditSeeder.TenantCount:N0} tenants × {AuditSeeder.EventsPerTenant:N0} "
                + "events, uniform over the last 365 days, inserted in time order)"
        );
        Console.WriteLine();
        Console.WriteLine(
            "| tenants (EF, s) | events | generate + seal + binary COPY (s) | rows/s | VACUUM ANALYZE (s) | total (s) | table | indexes |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine(
            $"| {seed.TenantsTime.TotalSeconds:0.0} | {seed.Events:N0} | {copySeconds:0.0} | {seed.Events / copySeconds:N0} | "
                + $"{seed.VacuumTime.TotalSeconds:0.0} | {(seed.TenantsTime + seed.CopyTime + seed.VacuumTime).TotalSeconds:0.0} "
                + $"| {seed.TableSize} | {seed.IndexSize} |"
        );
        Console.WriteLine();
        Console.WriteLine("Action mix (% of events): " + string.Join(", ", AuditSeeder.Mix.Select(m => $"{m.Action} {m.Percent}")));
    }

    private static AsyncServiceScope AsPlatformAdmin(BenchHost host)
    {
        var scope = host.Services.CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<BenchHost.BenchUser>();
        user.Id = BenchAdminId;
        user.Roles.Add(PlatformRoles.PlatformAdmin);
        return scope;
    }

    private static async Task<(double Ms, AuditEventPage Page)> SearchAsync(BenchHost host, SearchAuditEventsQuery query)
    {
        await using var scope = AsPlatformAdmin(host);
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var started = Stopwatch.GetTimestamp();
        var result = await sender.Send(query);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"Search failed: {result.Error!.Message}");
        }

        return (ms, result.Value);
    }

    private static async Task<Latencies> PageLatencyAsync(BenchHost host, Func<SearchAuditEventsQuery> next)
    {
        var latencies = new Latencies();
        for (var i = 0; i < WarmUp + Samples; i++)
        {
            var (ms, page) = await SearchAsync(host, next());
            if (i >= WarmUp)
            {
                latencies.Add(ms, page.Events.Count);
            }
        }

        return latencies;
    }

    private static async Task ExplainAsync<TResponse>(
        BenchHost host,
        SqlCapture capture,
        string label,
        IQuery<TResponse> query,
        bool analyze
    )
    {
        await using (var scope = AsPlatformAdmin(host))
        {
            capture.Arm();
            var response = await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
            if (response is Result<AuditExport> { IsSuccess: true } export)
            {
                // The export's query runs when its rows are first read.
                await using var rows = export.Value.Events.GetAsyncEnumerator();
                await rows.MoveNextAsync();
            }
        }

        var command = capture.Take();
        var plan = await SqlCapture.ExplainAsync(host.Database.ConnectionString, command, analyze);
        Console.WriteLine();
        Console.WriteLine($"#### EXPLAIN{(analyze ? " (ANALYZE, BUFFERS)" : string.Empty)}: {label}");
        Console.WriteLine();
        Console.WriteLine("```sql");
        foreach (var parameter in command.Parameters)
        {
            Console.WriteLine(
                $"-- {parameter.ParameterName} = "
                    + $"{parameter.Value switch { DateTimeOffset d => d.ToString("O"), DateTime d => d.ToString("O"), var v => v }}"
            );
        }

        Console.WriteLine(command.Sql);
        Console.WriteLine("```");
        Console.WriteLine();
        Console.WriteLine("```");
        plan.ForEach(Console.WriteLine);
        Console.WriteLine("```");
    }

    private static async Task<ExportRun> ExportAsync(BenchHost host, AuditEventFilter filter)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var gate = new Lock();
        var (peakHeap, peakWorkingSet) = (before, Environment.WorkingSet);
        var timer = new Timer(
            _ =>
            {
                var (heap, workingSet) = (GC.GetTotalMemory(false), Environment.WorkingSet);
                lock (gate)
                {
                    (peakHeap, peakWorkingSet) = (Math.Max(peakHeap, heap), Math.Max(peakWorkingSet, workingSet));
                }
            },
            null,
            TimeSpan.Zero,
            TimeSpan.FromMilliseconds(50)
        );
        var (allocated, gen0, gen2) = (GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(2));
        var sink = new CountingStream();
        var started = Stopwatch.GetTimestamp();
        long rows;
        await using (var scope = AsPlatformAdmin(host))
        {
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExportAuditEventsQuery(filter));
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"Export failed: {result.Error!.Message}");
            }

            rows = await AuditCsv.WriteAsync(sink, result.Value.Events, CancellationToken.None);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await timer.DisposeAsync();
        var run = new ExportRun(
            rows,
            elapsed.TotalSeconds,
            sink.Length,
            before,
            peakHeap,
            peakWorkingSet,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / Math.Max(rows, 1),
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(2) - gen2
        );
        return run;
    }

    private static async Task<AppendRun> AppendAsync(BenchHost host, IReadOnlyList<AuditSeeder.SeededTenant> writers, bool sequential)
    {
        async Task<List<double>> WriteAsync(AuditSeeder.SeededTenant tenant, Func<int, bool> more)
        {
            var latencies = new List<double>();
            var target = $"connection:{tenant.Connections[0]}";
            while (more(latencies.Count))
            {
                await using var scope = host.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<BenchHost.BenchUser>().Id = tenant.Users[0];
                var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
                var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
                var started = Stopwatch.GetTimestamp();
                audit.Record("connection.verify_requested", target, AuditOutcome.Success, tenantId: tenant.Id);
                await db.SaveChangesAsync();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        }

        var clock = Stopwatch.StartNew();
        if (sequential)
        {
            // Warm-up: one append per entry, one after another.
            var latencies = new List<double>();
            foreach (var tenant in writers)
            {
                latencies.AddRange(await WriteAsync(tenant, done => done < 1));
            }

            return new AppendRun(latencies, clock.Elapsed.TotalSeconds);
        }

        var all = await Task.WhenAll(writers.Select(t => Task.Run(() => WriteAsync(t, _ => clock.Elapsed < AppendDuration))));
        return new AppendRun([.. all.SelectMany(l => l)], clock.Elapsed.TotalSeconds);
    }

    private sealed class Latencies
    {
        private readonly List<double> _ms = [];
        private long _rows;

        public void Add(double ms, int rows)
        {
            _ms.Add(ms);
            _rows += rows;
        }

        public void Print(string label) =>
            Console.WriteLine(
                $"| {label} | {_ms.Count} | {(double)_rows / _ms.Count:0.0} | {BenchHost.Percentile(_ms, 50):0.00} "
                    + $"| {BenchHost.Percentile(_ms, 95):0.00} | {BenchHost.Percentile(_ms, 99):0.00} |"
            );
    }

    private sealed record ExportRun(
        long Rows,
        double Seconds,
        long Bytes,
        long HeapBefore,
        long PeakHeap,
        long PeakWorkingSet,
        long AllocatedPerRow,
        int Gen0,
        int Gen2
    )
    {
        private const double MB = 1024 * 1024;

        public void Print(string label) =>
            Console.WriteLine(
                $"| {label} | {Rows:N0} | {Seconds:0.00} | {Rows / Seconds:N0} | {Bytes / MB:0.0} | {HeapBefore / MB:0.0} "
                    + $"| {PeakHeap / MB:0.0} | {PeakWorkingSet / MB:0} | {AllocatedPerRow:N0} | {Gen0} / {Gen2} |"
            );
    }

    private sealed record AppendRun(List<double> Latencies, double Seconds)
    {
        public void Print(string label) =>
            Console.WriteLine(
                $"| {label} | {Latencies.Count:N0} | {Seconds:0.0} | {Latencies.Count / Seconds:N0} | "
                    + $"{BenchHost.Percentile(Latencies, 50):0.00} | {BenchHost.Percentile(Latencies, 99):0.00} |"
            );
    }

    /// <summary>A stream that keeps nothing and counts what it was given.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Flush() { }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
