using Natero.Connectors.Application.Tenants.Queries.ListMyTenants;

namespace Natero.Connectors.Web.Pages.Shared;

/// <summary>What the layout shows around every page: the tenant switcher and the settings menu.</summary>
public sealed record LayoutModel(
    IReadOnlyList<MyTenantDto> Tenants,
    string? CurrentTenantSlug,
    string? CurrentTenantName,
    IReadOnlySet<string> Permissions,
    bool IsPlatformStaff,
    bool IsPlatformAdmin
);
