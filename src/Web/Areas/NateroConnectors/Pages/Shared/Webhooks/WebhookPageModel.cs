using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Webhooks;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Shared.Webhooks;

/// <summary>
/// One endpoint: its delivery log (status, attempts, the last answer and how long it took) with "Resend", and its
/// actions: send a test event, rotate the secret (shown once), disable or enable, delete.
/// </summary>
public abstract class WebhookPageModel(ISender sender) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public WebhookEndpointDto Endpoint { get; private set; } = null!;

    public IReadOnlyList<WebhookDeliveryDto> Deliveries { get; private set; } = [];

    /// <summary>The new secret after a rotation, in this response only.</summary>
    public WebhookSecretDto? Rotated { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public virtual bool CanAct => true;

    /// <summary>The list of endpoints this one belongs to.</summary>
    public abstract string ListPath { get; }

    protected abstract WebhookRequests Requests { get; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken) =>
        ActAsync(Requests.Test(sender, Id, cancellationToken), "A test event is on its way; its delivery shows below.", cancellationToken);

    public Task<IActionResult> OnPostResendAsync(Guid deliveryId, CancellationToken cancellationToken) =>
        ActAsync(Requests.Resend(sender, Id, deliveryId, cancellationToken), "The delivery will be sent again now.", cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        ActAsync(
            Requests.Update(sender, Id, WebhookChange.Enabling(true), cancellationToken),
            "The endpoint is enabled: new events go to it again.",
            cancellationToken
        );

    public Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        ActAsync(
            Requests.Update(sender, Id, WebhookChange.Enabling(false), cancellationToken),
            "The endpoint is disabled: no events go to it.",
            cancellationToken
        );

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (!CanAct)
        {
            return Forbid(NateroSchemes.Plugin);
        }

        var deleted = await Requests.Delete(sender, Id, cancellationToken);
        if (!deleted.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), deleted.Error!);
        }

        Message = "The endpoint is deleted.";
        return Redirect(ListPath);
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        if (!CanAct)
        {
            return Forbid(NateroSchemes.Plugin);
        }

        var rotated = await Requests.Rotate(sender, Id, cancellationToken);
        if (!rotated.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), rotated.Error!);
        }

        Rotated = rotated.Value;
        return await LoadAsync(cancellationToken);
    }

    private async Task<IActionResult> ActAsync<T>(ValueTask<Result<T>> action, string done, CancellationToken cancellationToken)
    {
        if (!CanAct)
        {
            return Forbid(NateroSchemes.Plugin);
        }

        var result = await action;
        if (!result.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), result.Error!);
        }

        Message = done;
        return RedirectToPage();
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        var endpoint = await Requests.Get(sender, Id, cancellationToken);
        if (!endpoint.IsSuccess)
        {
            return this.Failure(endpoint.Error!, Page);
        }

        Endpoint = endpoint.Value;
        var deliveries = await Requests.Deliveries(sender, Id, 50, cancellationToken);
        Deliveries = deliveries.IsSuccess ? deliveries.Value : [];
        return Page();
    }
}
