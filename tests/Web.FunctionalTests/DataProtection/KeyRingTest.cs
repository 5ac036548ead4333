using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.DataProtection;

/// <summary>Each test gets an empty database and a certificate of its own, so that no key ring row is left from another.</summary>
public abstract class KeyRingTest : IAsyncLifetime
{
    private TestDatabase? _database;

    protected TestDatabase Database => _database!;

    protected TestCertificate Certificate { get; } = TestCertificate.Create();

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync("keyring");

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Certificate.Dispose();
        GC.SuppressFinalize(this);
    }

    protected KeyRingHost Host(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Testing") =>
        new(Database, settings ?? new Dictionary<string, string?>(), environment);

    /// <summary>The settings in order, a later value replacing an earlier one.</summary>
    protected static IReadOnlyDictionary<string, string?> Merge(params IReadOnlyDictionary<string, string?>[] settings)
    {
        var merged = new Dictionary<string, string?>();
        foreach (var (key, value) in settings.SelectMany(s => s))
        {
            merged[key] = value;
        }

        return merged;
    }
}
