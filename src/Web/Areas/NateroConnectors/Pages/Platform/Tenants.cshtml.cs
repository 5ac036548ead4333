using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Tenants.Commands.CreateTenant;
using Natero.Connectors.Application.Tenants.Queries.ListTenants;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Platform;

public sealed class TenantsModel(ISender sender) : PageModel
{
    public IReadOnlyList<TenantDto> Tenants { get; private set; } = [];

    public CreatedTenantDto? Created { get; private set; }

    public bool CanCreate => User.IsInRole(PlatformRoles.PlatformAdmin);

    [BindProperty]
    public CreateTenantInput Input { get; set; } = new();

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!CanCreate)
        {
            return Forbid(NateroSchemes.Plugin);
        }

        var result = await sender.Send(new CreateTenantCommand(Input.Name, Input.Slug, Input.AdminEmail), cancellationToken);
        if (!result.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), result.Error!, nameof(Input));
        }

        ModelState.Clear();
        Input = new CreateTenantInput();
        Created = result.Value;
        return await LoadAsync(cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        var tenants = await sender.Send(new ListTenantsQuery(), cancellationToken);
        if (!tenants.IsSuccess)
        {
            return this.Failure(tenants.Error!, Page);
        }

        Tenants = tenants.Value;
        return Page();
    }

    public sealed class CreateTenantInput
    {
        public string Name { get; set; } = string.Empty;
        public string Slug { get; set; } = string.Empty;
        public string AdminEmail { get; set; } = string.Empty;
    }
}
