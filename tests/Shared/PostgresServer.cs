using System.Diagnostics;

namespace Natero.Connectors.Tests.Shared;

/// <summary>
/// A PostgreSQL server of its own (scripts/postgres.sh), for a test that stops and starts it: an outage
/// must not touch the server every other test shares.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly string Script = System.IO.Path.Combine(RepositoryRoot.Path, "scripts", "postgres.sh");
    private readonly string _folder;

    private PostgresServer(string folder, string connectionString)
    {
        _folder = folder;
        ConnectionString = connectionString;
    }

    /// <summary>A superuser connection string to the server's <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        var output = await RunAsync(null, """natero_pg_start >&2 && printf '%s\n%s\n' "$NATERO_PG_DIR" "$NATERO_TEST_POSTGRES" """);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new PostgresServer(lines[0], lines[1]);
    }

    /// <summary>Stops the server (fast shutdown: sessions are ended), keeping its data.</summary>
    public Task StopAsync() => RunAsync(_folder, "natero_pg_halt");

    /// <summary>Starts the stopped server again on the same port; returns once it accepts connections.</summary>
    public Task StartAgainAsync() => RunAsync(_folder, "natero_pg_resume");

    public async ValueTask DisposeAsync() => await RunAsync(_folder, "natero_pg_stop");

    private static async Task<string> RunAsync(string? folder, string command)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"""set -e; source "$1"; {command}""");
        start.ArgumentList.Add("natero-test");
        start.ArgumentList.Add(Script);
        if (folder is not null)
        {
            start.Environment["NATERO_PG_DIR"] = folder;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh {command} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
