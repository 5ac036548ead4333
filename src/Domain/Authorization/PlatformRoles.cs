namespace Natero.Connectors.Domain.Authorization;

/// <summary>Natero staff roles; they are Identity roles, not tenant permissions.</summary>
public static class PlatformRoles
{
    public const string PlatformAdmin = "PlatformAdmin";
    public const string PlatformAuditor = "PlatformAuditor";

    public static IReadOnlyList<string> All { get; } = [PlatformAdmin, PlatformAuditor];

    /// <summary>
    /// Whether someone holding <paramref name="held"/> has what <paramref name="role"/> allows: an admin may
    /// read everything an auditor reads, so an admin covers the auditor role too (for the keys they make).
    /// </summary>
    public static bool Covers(IReadOnlySet<string> held, string role)
    {
        ArgumentNullException.ThrowIfNull(held);
        return held.Contains(role) || (role == PlatformAuditor && held.Contains(PlatformAdmin));
    }
}
