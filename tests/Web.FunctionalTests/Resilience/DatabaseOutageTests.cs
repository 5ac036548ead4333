using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Resilience;

/// <summary>
/// F4: PostgreSQL stops under a running load and starts again. While it is gone every request fails
/// cleanly (503 problem details with Retry-After, never a 500 or a dropped connection); afterwards every
/// request succeeds; nothing is half-written: each stored change has its audit event and every chain verifies.
/// </summary>
public sealed class DatabaseOutageTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string Links = "/api/v1/connections/authorizations";
    private const string Connections = "/api/v1/connections";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task F4_requests_fail_with_503_while_the_database_is_down_and_succeed_after_with_nothing_half_written()
    {
        Assert.SkipUnless(Factory.Database.IsPostgres, "F4 stops a PostgreSQL server of its own; this run uses SQLite.");
        await using var server = await PostgresServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(server, "outage");
        await using var host = Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Natero", database.ConnectionString);
            builder.UseSetting("RateLimits:PerKey:PermitLimit", "1000000");
            builder.UseSetting("RateLimits:PerTenant:PermitLimit", "1000000");
        });
        var key = await TenantKeyAsync(
            host.Services,
            TestUsers.DemoTenant,
            TestUsers.DemoAdmin,
            TimeSpan.FromDays(1),
            Permissions.DataConnectors.Configure,
            Permissions.DataConnectors.View
        );
        using var client = Client(host, key);
        using var browser = new Browser(
            host.CreateClient(
                new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
                {
                    BaseAddress = new Uri("https://localhost"),
                    AllowAutoRedirect = false,
                    HandleCookies = true,
                }
            )
        );
        (await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var load = new Load(client);

        var running = load.RunAsync();
        await load.UntilAsync(Phase.Before, answers => answers >= 20);
        load.Phase = Phase.Down;
        await server.StopAsync();
        await load.UntilAsync(Phase.Down, answers => answers >= 20);
        using (var page = await browser.GetPageAsync(ConnectFlow.ManageOAuth))
        {
            // A person sees a page that says what happened, without the menus that need the database.
            page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            page.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
            var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            html.ShouldContain("The database is unavailable at the moment. Try again in 5 seconds.");
            html.ShouldNotContain("IT Administration");
        }

        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "a load balancer takes the instance out of rotation");
        }

        load.Phase = Phase.Recovering;
        await server.StartAgainAsync();
        await load.UntilSucceedingAsync();
        load.Phase = Phase.After;
        await load.UntilAsync(Phase.After, answers => answers >= 40);
        await load.StopAsync(running);

        var answers = load.Answers.ToList();
        answers.ShouldAllBe(a => a.Status == 200 || a.Status == 201 || a.Status == 503, Summary(answers));
        answers.Where(a => a.Phase == Phase.Before).ShouldAllBe(a => a.Status < 300, Summary(answers));
        answers.Where(a => a.Phase == Phase.After).ShouldAllBe(a => a.Status < 300, Summary(answers));
        var outage = answers.Where(a => a.Status == 503).ToList();
        outage.Count(a => a.Phase == Phase.Down).ShouldBeGreaterThan(0, Summary(answers));
        outage.ShouldAllBe(a => a.ProblemType == ProblemTypes + "unavailable" && a.RetryAfter == "5", Summary(answers));

        // Every link the API announced is stored; every stored link has the audit event its command wrote
        // with it, and no event stands for a link that is not there; every chain verifies.
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var stored = await db.AuthorizationLinks.IgnoreQueryFilters().Select(l => l.Id).ToListAsync(TestContext.Current.CancellationToken);
        var announced = answers.Where(a => a.Status == 201).Select(a => a.LinkId!.Value).ToList();
        stored.ShouldBe(announced, ignoreOrder: true, "a failed request left nothing behind, a successful one all of it");
        var created = await db
            .AuditEvents.IgnoreQueryFilters()
            .CountAsync(
                e => e.Action == "connection.authorization_link_created" && e.Outcome == Domain.Audit.AuditOutcome.Success,
                TestContext.Current.CancellationToken
            );
        created.ShouldBe(stored.Count);
        var chains = await db
            .AuditEvents.IgnoreQueryFilters()
            .Select(e => e.ChainKey)
            .Distinct()
            .ToListAsync(TestContext.Current.CancellationToken);
        foreach (var chain in chains)
        {
            var verified = await AuditChainVerifier.VerifyAsync(db, chain, TestContext.Current.CancellationToken);
            verified.Intact.ShouldBeTrue(verified.Message);
        }
    }

    private static string Summary(IEnumerable<Answer> answers) =>
        string.Join(
            ", ",
            answers
                .GroupBy(a => (a.Phase, a.Status, a.ProblemType))
                .Select(g => $"{g.Key.Phase} {g.Key.Status} {g.Key.ProblemType}: {g.Count()}")
        );

    private enum Phase
    {
        Before,
        Down,
        Recovering,
        After,

        /// <summary>Sent in one phase, answered in the next.</summary>
        Straddling,
    }

    private sealed record Answer(Phase Phase, int Status, string? ProblemType, string? RetryAfter, Guid? LinkId);

    /// <summary>Four clients, each alternating a read and a write, until told to stop.</summary>
    private sealed class Load(HttpClient client)
    {
        private readonly CancellationTokenSource _stop = new();

        public volatile Phase Phase;

        public ConcurrentQueue<Answer> Answers { get; } = new();

        public Task RunAsync() => Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(WorkAsync)));

        public async Task UntilAsync(Phase phase, Func<int, bool> enough)
        {
            var waited = Stopwatch.StartNew();
            while (!enough(Answers.Count(a => a.Phase == phase)))
            {
                waited.Elapsed.ShouldBeLessThan(Wait, $"the load stalled in {phase}: {Summary(Answers)}");
                await Task.Delay(20);
            }
        }

        public async Task UntilSucceedingAsync()
        {
            var waited = Stopwatch.StartNew();
            while (!Answers.Any(a => a.Phase == Phase.Recovering && a.Status < 300))
            {
                waited.Elapsed.ShouldBeLessThan(Wait, $"nothing succeeded after the database came back: {Summary(Answers)}");
                await Task.Delay(20);
            }
        }

        public async Task StopAsync(Task running)
        {
            await _stop.CancelAsync();
            await running;
            _stop.Dispose();
        }

        private async Task WorkAsync()
        {
            var write = false;
            while (!_stop.IsCancellationRequested)
            {
                var phase = Phase;
                using var response = write
                    ? await client.SendAsync(HttpMethod.Post, Links, new { provider = "salesforce", environment = "Production" })
                    : await client.SendAsync(HttpMethod.Get, Connections);
                write = !write;
                var body = await response.Content.ReadAsStringAsync();
                var json =
                    response.Content.Headers.ContentType?.MediaType is Json or ProblemJson && body.Length > 0
                        ? System.Text.Json.JsonDocument.Parse(body).RootElement
                        : default;
                Answers.Enqueue(
                    new Answer(
                        phase == Phase ? phase : Phase.Straddling,
                        (int)response.StatusCode,
                        json.ValueKind == System.Text.Json.JsonValueKind.Object && json.TryGetProperty("type", out var type)
                            ? type.GetString()
                            : null,
                        response.Headers.RetryAfter?.ToString(),
                        response.StatusCode == HttpStatusCode.Created ? json.GetProperty("id").GetGuid() : null
                    )
                );
            }
        }
    }
}
