namespace Natero.Connectors.Infrastructure.Seeding;

/// <summary>What the last start-up seeded, for the host to tell the person who started it.</summary>
public sealed class SeedReport
{
    private readonly List<SeededAccount> _accounts = [];

    public bool SeededNow { get; private set; }
    public IReadOnlyList<SeededAccount> Accounts => _accounts;
    public string? DemoTenantSlug { get; private set; }

    internal void Record(IEnumerable<SeededAccount> accounts, string? demoTenantSlug)
    {
        _accounts.Clear();
        _accounts.AddRange(accounts);
        DemoTenantSlug = demoTenantSlug;
        SeededNow = true;
    }
}
