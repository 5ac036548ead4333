namespace Natero.Connectors.Infrastructure.Seeding;

/// <summary>First-run accounts (<c>Seed:*</c>). Empty passwords are generated and printed once.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public string PlatformAdminEmail { get; set; } = "platform-admin@natero.local";
    public string? PlatformAdminPassword { get; set; }
    public string? DemoTenantSlug { get; set; } = "demo";
    public string DemoTenantName { get; set; } = "Demo Company";
    public string DemoAdminEmail { get; set; } = "admin@demo.natero.local";
    public string? DemoAdminPassword { get; set; }
    public string DemoMemberEmail { get; set; } = "member@demo.natero.local";
    public string? DemoMemberPassword { get; set; }
}

/// <summary>An account created by the first run; the password only when it was generated.</summary>
public sealed record SeededAccount(string Role, string Email, string? GeneratedPassword);

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
