namespace Natero.Connectors.Application.Common.Security;

/// <summary>A request that acts inside the current tenant; the caller must be a member of it.</summary>
public interface ITenantRequest;
