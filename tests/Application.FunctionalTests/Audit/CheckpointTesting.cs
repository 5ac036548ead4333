using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Infrastructure.Audit;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>A signing key in a temporary file, checkpointers that use it, and exports as the CSV customers download.</summary>
internal sealed class CheckpointTesting : IDisposable
{
    private readonly ApplicationFixture _app;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"natero-checkpoints-{Guid.NewGuid():N}");

    public CheckpointTesting(ApplicationFixture app)
    {
        _app = app;
        Directory.CreateDirectory(_directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        KeyPath = Path.Combine(_directory, "checkpoint-key.pem");
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
        PublicKeyPath = Path.Combine(_directory, "checkpoint-key.pub.pem");
        File.WriteAllText(PublicKeyPath, key.ExportSubjectPublicKeyInfoPem());
        Options = Microsoft.Extensions.Options.Options.Create(
            new AuditCheckpointOptions { CheckpointSigningKeyPath = KeyPath, CheckpointInterval = Interval }
        );
        Signer = new AuditCheckpointSigningKey(Options);
    }

    public static TimeSpan Interval { get; } = TimeSpan.FromHours(1);

    public string KeyPath { get; }

    public string PublicKeyPath { get; }

    public IOptions<AuditCheckpointOptions> Options { get; }

    public AuditCheckpointSigningKey Signer { get; }

    /// <summary>A checkpointer as one instance of the app runs it (each call: another instance).</summary>
    public AuditCheckpointWorker Worker() =>
        new(
            _app.Services.GetRequiredService<IServiceScopeFactory>(),
            Signer,
            Options,
            _app.Services.GetRequiredService<TimeProvider>(),
            NullLogger<AuditCheckpointWorker>.Instance
        );

    /// <summary>Every event, exported by the platform admin, as the CSV file's lines (no field of these tests spans lines).</summary>
    public async Task<List<string>> ExportLinesAsync()
    {
        var admin = await _app.UserAsync(TestUsers.PlatformAdmin);
        var (_, events) = await _app.ExportAsync(new ExportAuditEventsQuery(new AuditEventFilter()), admin);
        using var stream = new MemoryStream();
        await AuditCsv.WriteAsync(stream, events.ToAsyncEnumerable(), CancellationToken.None);
        return [.. Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];
    }

    public string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public static MemoryStream Stream(IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    public static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        Signer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
