using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// The built web app started as its own process, as an operator starts it: time from launch to
/// <c>/health/ready</c> answering 200 (first start on an empty database, which migrates and seeds; then a
/// restart), and the working set once it has been idle a while. Targets (issue 14): a restart ready in at most
/// 1.0 s, at most 130 MB idle.
/// </summary>
internal static class StartupBenchmark
{
    private const double TargetReadyMs = 1000;
    private const double TargetIdleMb = 130;

    public static async Task<int> RunAsync()
    {
        var web = Path.Combine(RepositoryRoot.Path, "src", "Host");
        var dll = Path.Combine(web, "bin", "Release", "net10.0", "Natero.Connectors.Host.dll");
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"startup needs a Release build of the web app ({dll}): dotnet build -c Release src/Host");
            return 2;
        }

        await using var database = await TestDatabase.CreateAsync("startup");
        var runs = new List<(string Start, double ReadyMs, double IdleMb, double PrivateMb)>();
        foreach (
            var start in BenchSize.Smoke
                ? ["first start (migrates, seeds)"]
                : new[] { "first start (migrates, seeds)", "restart", "restart" }
        )
        {
            var (ready, idle, unique) = await StartOnceAsync(dll, web, database);
            runs.Add((start, ready, idle, unique));
        }

        // The same app published with ReadyToRun (bench.sh publishes it; the README's deployment command), on the same database.
        var published = Path.Combine(RepositoryRoot.Path, "artifacts", "host-r2r");
        var publishedDll = Path.Combine(published, "Natero.Connectors.Host.dll");
        if (!BenchSize.Smoke && File.Exists(publishedDll))
        {
            foreach (var start in new[] { "restart, ReadyToRun publish", "restart, ReadyToRun publish" })
            {
                var (ready, idle, unique) = await StartOnceAsync(publishedDll, published, database);
                runs.Add((start, ready, idle, unique));
            }
        }

        Console.WriteLine($"## Start-up and idle memory, {database.ProviderName}");
        Console.WriteLine();
        Console.WriteLine(
            $"`dotnet {Path.GetRelativePath(RepositoryRoot.Path, dll)}` (Release, Production environment, logging at Warning), "
                + "time from launch to the first 200 from /health/ready, then the "
                + $"process's working set after {IdleFor.TotalSeconds:0} s idle."
        );
        Console.WriteLine();
        Console.WriteLine("| start | to ready (ms) | idle working set (MB) | of which private to the process (MB) | target (restart) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (start, readyMs, idleMb, privateMb) in runs)
        {
            var target = start.StartsWith("restart", StringComparison.Ordinal)
                ? $"{Met(readyMs <= TargetReadyMs)} (≤ {TargetReadyMs:N0} ms) / {Met(idleMb <= TargetIdleMb)} (≤ {TargetIdleMb:0} MB)"
                : string.Empty;
            Console.WriteLine($"| {start} | {readyMs:0} | {idleMb:0.0} | {privateMb:0.0} | {target} |");
        }

        Console.WriteLine();
        Console.WriteLine(
            "Private: pages no other process shares (private clean and dirty in /proc/PID/smaps_rollup); "
                + "the rest is mostly the .NET runtime and framework assemblies, mapped from disk."
        );

        return 0;
    }

    private static string Met(bool met) => met ? "met" : "**missed**";

    private static TimeSpan IdleFor => BenchSize.Of(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));

    private static async Task<(double ReadyMs, double IdleMb, double PrivateMb)> StartOnceAsync(
        string dll,
        string contentRoot,
        TestDatabase database
    )
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in database.Settings.Concat(BenchSettings.AsInProduction))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Security__AllowInsecureCookies"] = "true";

        // Production refuses an unencrypted key ring; encrypting it costs nothing until a key is read or made.
        start.Environment["DataProtection__AllowUnprotectedKeys"] = "true";

        // Production requires the base of email links.
        start.Environment["Email__PublicBaseUrl"] = $"http://127.0.0.1:{port}/";

        // As in production: the connection monitor and the email outbox worker run (the test settings turn them off).
        start.Environment["Monitor__Enabled"] = "true";
        start.Environment["Email__Worker__Enabled"] = "true";

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"The app exited with {process.ExitCode} before it was ready: {await errors}{await output}"
                    );
                }

                if (clock.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new TimeoutException("The app was not ready within 60 s.");
                }

                try
                {
                    using var ready = await http.GetAsync("/health/ready");
                    if (ready.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Listening, not answering yet.
                }

                await Task.Delay(20);
            }

            var readyMs = clock.Elapsed.TotalMilliseconds;
            await Task.Delay(IdleFor);
            process.Refresh();
            return (readyMs, process.WorkingSet64 / (1024.0 * 1024.0), PrivateKilobytes(process.Id) / 1024.0);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>Private_Clean + Private_Dirty of the process (Linux), or 0 where that file does not exist.</summary>
    private static long PrivateKilobytes(int pid)
    {
        var rollup = $"/proc/{pid}/smaps_rollup";
        return File.Exists(rollup)
            ? File.ReadLines(rollup)
                .Where(l =>
                    l.StartsWith("Private_Clean:", StringComparison.Ordinal) || l.StartsWith("Private_Dirty:", StringComparison.Ordinal)
                )
                .Sum(l =>
                    long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture)
                )
            : 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
