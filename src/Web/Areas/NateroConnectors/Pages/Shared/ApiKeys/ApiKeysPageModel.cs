using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Shared.ApiKeys;

/// <summary>
/// An API keys page, for one tenant or for the platform: the list (never a secret), a new key shown
/// once in the response that created it, and revoking. Subclasses say which requests to send and
/// what a new key is made of.
/// </summary>
public abstract class ApiKeysPageModel(ISender sender, IOptions<ApiKeyOptions> options) : PageModel
{
    public IReadOnlyList<ApiKeyDto> Keys { get; private set; } = [];

    /// <summary>The key just created, in this response only: it is never stored where a later one could show it.</summary>
    public CreatedApiKeyDto? CreatedKey { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<int> Lifetimes => ApiKeyWords.Lifetimes(options.Value.MaxLifetimeDays);

    /// <summary>Whether the current user may create and revoke keys here, or only look.</summary>
    public virtual bool CanAct => true;

    /// <summary>The heading of the list's scopes column: tenant keys have permissions, platform keys a role.</summary>
    public abstract string ScopesHeading { get; }

    protected ISender Sender => sender;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRevokeAsync(Guid apiKeyId, CancellationToken cancellationToken)
    {
        if (!CanAct)
        {
            return Forbid(NateroSchemes.Plugin);
        }

        var result = await sender.Send(Revoke(apiKeyId), cancellationToken);
        if (!result.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), result.Error!);
        }

        Message = "The key is revoked: requests that use it are refused from now on.";
        return RedirectToPage();
    }

    protected abstract IQuery<Result<IReadOnlyList<ApiKeyDto>>> List();

    protected abstract ICommand<Result> Revoke(Guid apiKeyId);

    /// <summary>
    /// Shows a created key once, above the list, in the answer to the post that made it, which no browser or
    /// cache keeps (<see cref="Security.NoStoreAfterPost"/>); a failure is shown on the form under <paramref name="inputPrefix"/>.
    /// </summary>
    protected async Task<IActionResult> ShowCreatedAsync(
        Result<CreatedApiKeyDto> created,
        string inputPrefix,
        CancellationToken cancellationToken
    )
    {
        if (!created.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), created.Error!, inputPrefix);
        }

        ModelState.Clear();
        ResetForm();
        CreatedKey = created.Value;
        return await LoadAsync(cancellationToken);
    }

    protected async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        var keys = await sender.Send(List(), cancellationToken);
        if (!keys.IsSuccess)
        {
            return this.Failure(keys.Error!, Page);
        }

        Keys = keys.Value;
        await LoadFormAsync(cancellationToken);
        return Page();
    }

    /// <summary>Whatever else the create form needs.</summary>
    protected virtual Task LoadFormAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Empties the create form after a key was made.</summary>
    protected abstract void ResetForm();
}
