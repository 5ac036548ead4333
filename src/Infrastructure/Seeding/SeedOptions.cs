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
