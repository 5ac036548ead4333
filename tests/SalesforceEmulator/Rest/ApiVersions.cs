namespace Natero.Connectors.SalesforceEmulator.Rest;

/// <summary>The REST API versions the emulator serves, oldest first, with their release names.</summary>
internal static class ApiVersions
{
    public static readonly IReadOnlyList<(string Version, string Label)> All =
    [
        ("58.0", "Summer '23"),
        ("59.0", "Winter '24"),
        ("60.0", "Spring '24"),
        ("61.0", "Summer '24"),
        ("62.0", "Winter '25"),
        ("63.0", "Spring '25"),
        ("64.0", "Summer '25"),
        ("65.0", "Winter '26"),
    ];

    public static string Latest => All[^1].Version;

    public static bool IsServed(string version) => All.Any(v => v.Version == version);
}
