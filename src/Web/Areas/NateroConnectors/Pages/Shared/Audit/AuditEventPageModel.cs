using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Audit;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Web.Pages.Shared.Audit;

/// <summary>One audit event in full. Subclasses say which query may read it.</summary>
public abstract class AuditEventPageModel(ISender sender) : PageModel
{
    public AuditEventDto Event { get; private set; } = null!;

    public abstract bool IsPlatform { get; }

    public abstract string LogPath { get; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await sender.Send(Get(id), cancellationToken);
        if (!result.IsSuccess)
        {
            return this.Failure(result.Error!, Page);
        }

        Event = result.Value;
        return Page();
    }

    protected abstract IQuery<Result<AuditEventDto>> Get(Guid id);
}
