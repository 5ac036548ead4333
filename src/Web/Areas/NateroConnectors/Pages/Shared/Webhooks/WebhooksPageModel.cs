using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Webhooks;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Shared.Webhooks;

/// <summary>
/// The endpoints of one owner (a tenant, or the platform) and the form that adds one. A new endpoint's secret is
/// shown once, in the answer to the post that made it.
/// </summary>
public abstract class WebhooksPageModel(ISender sender) : PageModel
{
    public IReadOnlyList<WebhookEndpointDto> Endpoints { get; private set; } = [];

    /// <summary>The endpoint just made, with its secret, in this response only.</summary>
    public WebhookSecretDto? Created { get; private set; }

    public static IReadOnlyList<EventTypeDefinition> EventChoices => EventTypes.All;

    [BindProperty]
    public NewEndpointInput NewEndpoint { get; set; } = new();

    /// <summary>Whether the current person may add and change endpoints here, or only look.</summary>
    public virtual bool CanAct => true;

    /// <summary>This page's path; an endpoint's own page is below it.</summary>
    public abstract string BasePath { get; }

    public string DetailLink(Guid id) => $"{BasePath}/{id}";

    protected abstract WebhookRequests Requests { get; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!CanAct)
        {
            return Forbid(NateroSchemes.Plugin);
        }

        var types = NewEndpoint.AllEvents ? ["*"] : NewEndpoint.EventTypes;
        var created = await Requests.Create(sender, NewEndpoint.Url, NewEndpoint.Description, types, cancellationToken);
        if (!created.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), created.Error!, nameof(NewEndpoint));
        }

        ModelState.Clear();
        NewEndpoint = new NewEndpointInput();
        Created = created.Value;
        return await LoadAsync(cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        var endpoints = await Requests.List(sender, cancellationToken);
        if (!endpoints.IsSuccess)
        {
            return this.Failure(endpoints.Error!, Page);
        }

        Endpoints = endpoints.Value;
        return Page();
    }

    public sealed class NewEndpointInput
    {
        public string? Url { get; set; }
        public string? Description { get; set; }
        public bool AllEvents { get; set; }
        public List<string> EventTypes { get; set; } = [];
    }
}
