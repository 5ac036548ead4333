using System.Diagnostics;
using System.Net;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.AcceptanceTests.Packaging;

/// <summary>
/// Issue 15's proof: the plugin packed by <c>dotnet pack</c> into a folder feed, <c>samples/HostWithOwnUsers</c> restored
/// from that feed alone (offline: no other source) and built as an application that knows nothing of this repository,
/// then started as its own process on loopback against a real database and the Salesforce emulator.
/// </summary>
public sealed class PackagedSample : IAsyncLifetime
{
    public const string Prefix = "/admin/connectors";
    public const string SampleUserEmail = "admin@demo.natero.local";
    public const string SampleUserPassword = "Sample-Passw0rd!";

    private static readonly string[] NoBuild = ["--no-build"];

    private readonly string _work = Path.Combine(Path.GetTempPath(), $"natero-sample-{Guid.NewGuid():N}");
    private Process? _process;
    private TestDatabase? _database;

    /// <summary>A version no earlier run used, so that the global packages folder cannot serve a stale copy.</summary>
    public string Version { get; } = $"1.0.0-test.{Guid.NewGuid():N}"[..24];

    public string Feed => Path.Combine(_work, "feed");

    public string SampleFolder => Path.Combine(_work, "HostWithOwnUsers");

    public Uri BaseUrl { get; private set; } = null!;

    public SalesforceEmulatorHost Salesforce { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var root = RepositoryRoot.Path;
        var built = File.Exists(Path.Combine(root, "src", "Web", "bin", "Release", "net10.0", "Natero.Connectors.Web.dll"));
        await RunAsync(
            root,
            [
                "pack",
                Path.Combine("src", "Plugin.slnf"),
                "-c",
                "Release",
                "-o",
                Feed,
                $"-p:Version={Version}",
                "-nologo",
                .. (built ? NoBuild : []),
            ]
        );

        CopyFolder(Path.Combine(root, "samples", "HostWithOwnUsers"), SampleFolder);
        await File.WriteAllTextAsync(
            Path.Combine(SampleFolder, "nuget.config"),
            $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="feed" value="{Feed}" /></packageSources></configuration>
            """
        );
        await RunAsync(SampleFolder, ["build", "-c", "Release", "-nologo", $"-p:NateroVersion={Version}", "--source", Feed]);

        _database = await TestDatabase.CreateAsync("sample");
        Salesforce = await SalesforceEmulatorHost.StartAsync();
        Salesforce.Settings.AlwaysAskForConsent = true;
        BaseUrl = new Uri($"http://127.0.0.1:{SalesforceTestSettings.FreeTcpPort()}/");
        await StartAsync();
    }

    private async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(SampleFolder, "bin", "Release", "net10.0", "HostWithOwnUsers.dll")])
        {
            WorkingDirectory = SampleFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = _database!
            .Settings.Concat(SalesforceTestSettings.For(Salesforce, $"{BaseUrl}{Prefix[1..]}/oauth/callback/salesforce"))
            .Append(new("ASPNETCORE_URLS", BaseUrl.ToString().TrimEnd('/')))
            .Append(new("ASPNETCORE_ENVIRONMENT", "Development"))
            .Append(new("Email:PublicBaseUrl", $"{BaseUrl}{Prefix[1..]}/"))
            // The application's user of this email (its appsettings.json) is the plugin's seeded demo admin.
            .Append(new("Seed:DemoAdminEmail", SampleUserEmail))
            .Append(new("Logging:LogLevel:Default", "Warning"));
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The sample exited with {_process.ExitCode} before it was ready.");
            }

            try
            {
                using var ready = await http.GetAsync($"{Prefix[1..]}/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }

            await Task.Delay(200);
        }

        throw new TimeoutException("The sample was not ready within 90 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (Salesforce is not null)
        {
            await Salesforce.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        // This run's packages leave nothing behind: not the folders, not their copies in the global packages folder.
        DeleteQuietly(_work);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in new[] { "domain", "application", "infrastructure", "web" })
        {
            DeleteQuietly(Path.Combine(packages, $"natero.connectors.{package}", Version));
        }
    }

    private static async Task RunAsync(string folder, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await errors}"
            );
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj" || relative.EndsWith(".db", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
