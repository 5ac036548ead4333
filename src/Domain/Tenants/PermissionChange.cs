namespace Natero.Connectors.Domain.Tenants;

public sealed record PermissionChange(IReadOnlyList<string> Granted, IReadOnlyList<string> Revoked)
{
    public bool IsEmpty => Granted.Count == 0 && Revoked.Count == 0;
}
