using Mediator;
using Microsoft.AspNetCore.Mvc;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Tenants.Queries.ListMyTenants;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Web.Pages.Shared;

public sealed class LayoutViewComponent(ISender sender, ITenantContext tenant, ICurrentTenantAccess access, ICurrentUser user)
    : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var tenants = await sender.Send(new ListMyTenantsQuery(), HttpContext.RequestAborted);
        var list = tenants.IsSuccess ? tenants.Value : [];
        var current = await access.GetAsync(HttpContext.RequestAborted);
        var model = new LayoutModel(
            list,
            tenant.TenantSlug,
            list.FirstOrDefault(t => t.Id == tenant.TenantId)?.Name,
            current?.Permissions ?? new HashSet<string>(),
            user.IsInRole(PlatformRoles.PlatformAdmin) || user.IsInRole(PlatformRoles.PlatformAuditor),
            user.IsInRole(PlatformRoles.PlatformAdmin)
        );
        return View("~/Areas/NateroConnectors/Pages/Shared/_Navigation.cshtml", model);
    }
}
