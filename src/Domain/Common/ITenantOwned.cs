namespace Natero.Connectors.Domain.Common;

/// <summary>Marks an entity that belongs to exactly one tenant; the persistence layer filters and guards on it.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
