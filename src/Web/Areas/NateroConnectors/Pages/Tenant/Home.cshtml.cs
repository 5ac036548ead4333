using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Security;

namespace Natero.Connectors.Web.Pages.Tenant;

public sealed class HomeModel(ICurrentTenantAccess access, ITenantContext tenant) : PageModel
{
    public string Slug { get; private set; } = string.Empty;
    public IEnumerable<IGrouping<string, NavigationItem>> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Slug = tenant.TenantSlug!;
        var current = await access.GetAsync(cancellationToken);
        Sections = Navigation.Sections(current?.Permissions ?? new HashSet<string>());
    }
}
