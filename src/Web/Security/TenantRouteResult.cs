namespace Natero.Connectors.Web.Security;

internal enum TenantRouteResult
{
    /// <summary>The route names no tenant.</summary>
    NoTenant,

    /// <summary>The tenant is set for the request (and the signed-in person, if any, is a member).</summary>
    Resolved,

    /// <summary>No such tenant, or not one the signed-in person belongs to: answered 404 either way.</summary>
    Unknown,
}
