using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.ApiKeys;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks, run in this process: token encryption, the mediator pipeline and
/// the API-key check. Prints BenchmarkDotNet's GitHub-markdown summary of each class on stdout, and its
/// progress on stderr. One <see cref="BenchHost"/> serves every class; artifacts go to a temporary folder.
/// </summary>
internal static class MicroBenchmarks
{
    private static BenchHost? _host;

    /// <summary>The app's services on a seeded SQLite (or PostgreSQL) database, while the scenario runs.</summary>
    public static BenchHost Host =>
        _host ?? throw new InvalidOperationException("The micro benchmarks run through the 'micro' scenario, which starts their host.");

    public static async Task<int> RunAsync()
    {
        var artifacts = Directory.CreateTempSubdirectory("natero-bdn-");
        try
        {
            // A long cache, so that every authentication after the first is a cache hit.
            _host = await BenchHost.StartAsync(services => services.Configure<ApiKeyOptions>(o => o.CacheDuration = TimeSpan.FromHours(1)));
            var config = Config(artifacts.FullName);
            var summaries = await Task.Run(() =>
                new[]
                {
                    BenchmarkRunner.Run<TokenEncryptionBenchmarks>(config),
                    BenchmarkRunner.Run<MediatorPipelineBenchmarks>(config),
                    BenchmarkRunner.Run<ApiKeyCheckBenchmarks>(config),
                }
            );
            var stdout = new TextWriterLogger(Console.Out, errorsOnly: false);
            foreach (var summary in summaries)
            {
                Console.WriteLine();
                MarkdownExporter.GitHub.ExportToLog(summary, stdout);
            }

            return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Length == 0 || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        }
        finally
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
                _host = null;
            }

            artifacts.Delete(recursive: true);
        }
    }

    /// <summary>In-process (nothing is built), BenchmarkDotNet's default job; at smoke size one dry iteration.</summary>
    private static ManualConfig Config(string artifactsPath)
    {
        var job = (BenchSize.Smoke ? Job.Dry : Job.Default).WithToolchain(InProcessEmitToolchain.DontLogOutput);
        var config = ManualConfig
            .CreateEmpty()
            .AddJob(job)
            .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
            .AddLogger(new TextWriterLogger(Console.Error, errorsOnly: BenchSize.Smoke))
            .WithArtifactsPath(artifactsPath)
            .WithOptions(ConfigOptions.DisableLogFile);

        // The test project builds in Debug; a smoke run only proves that the benchmarks run.
        return BenchSize.Smoke ? config.WithOptions(ConfigOptions.DisableOptimizationsValidator) : config;
    }

    private sealed class TextWriterLogger(TextWriter writer, bool errorsOnly) : ILogger
    {
        public string Id => nameof(TextWriterLogger);

        public int Priority => 0;

        public void Write(LogKind logKind, string text)
        {
            if (!errorsOnly || logKind == LogKind.Error)
            {
                writer.Write(text);
            }
        }

        public void WriteLine() => Write(LogKind.Default, Environment.NewLine);

        public void WriteLine(LogKind logKind, string text) => Write(logKind, text + Environment.NewLine);

        public void Flush() => writer.Flush();
    }
}
