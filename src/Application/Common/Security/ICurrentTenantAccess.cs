namespace Natero.Connectors.Application.Common.Security;

public interface ICurrentTenantAccess
{
    /// <summary>The caller's access to the current tenant, or null when there is no tenant or they are not a member.</summary>
    ValueTask<TenantAccess?> GetAsync(CancellationToken cancellationToken);
}
