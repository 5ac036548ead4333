using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Queries.ListProviders;
using Natero.Connectors.Application.Platform.Connections.Commands.CompleteConfiguration;
using Natero.Connectors.Application.Platform.Connections.Commands.ResumeConnection;
using Natero.Connectors.Application.Platform.Connections.Commands.SuspendConnection;
using Natero.Connectors.Application.Platform.Connections.Queries.ListPlatformConnections;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Platform;

public sealed class ConnectionsModel(ISender sender) : PageModel
{
    public IReadOnlyList<PlatformConnectionDto> Connections { get; private set; } = [];

    public bool CanAct => User.IsInRole(PlatformRoles.PlatformAdmin);

    [BindProperty(SupportsGet = true)]
    public ConnectionStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tenant { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Provider { get; set; }

    public IReadOnlyList<ProviderDto> Providers { get; private set; } = [];

    public ProviderDto? ProviderOf(string key) => Providers.FirstOrDefault(p => p.Key == key);

    public string ProviderName(string key) => ProviderOf(key)?.DisplayName ?? key;

    public string AccountNoun(string key) => ProviderOf(key)?.AccountNoun ?? "account";

    [TempData]
    public string? Message { get; set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostCompleteAsync(Guid connectionId, string? note, CancellationToken cancellationToken) =>
        ActAsync(
            () => sender.Send(new CompleteConfigurationCommand(connectionId, note), cancellationToken),
            "Configuration completed: the connection is active.",
            cancellationToken
        );

    public Task<IActionResult> OnPostSuspendAsync(Guid connectionId, CancellationToken cancellationToken) =>
        ActAsync(
            () => sender.Send(new SuspendConnectionCommand(connectionId, null), cancellationToken),
            "The connection is suspended.",
            cancellationToken
        );

    public Task<IActionResult> OnPostResumeAsync(Guid connectionId, CancellationToken cancellationToken) =>
        ActAsync(
            () => sender.Send(new ResumeConnectionCommand(connectionId), cancellationToken),
            "The connection is resumed.",
            cancellationToken
        );

    private async Task<IActionResult> ActAsync(
        Func<ValueTask<Result<ConnectionStatus>>> act,
        string done,
        CancellationToken cancellationToken
    )
    {
        if (!CanAct)
        {
            return Forbid(NateroSchemes.Plugin);
        }

        var result = await act();
        if (!result.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), result.Error!);
        }

        Message = done;
        return RedirectToPage(
            new
            {
                status = Status,
                tenant = Tenant,
                provider = Provider,
            }
        );
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ListPlatformConnectionsQuery(Status, Tenant, Provider), cancellationToken);
        if (!result.IsSuccess)
        {
            return this.Failure(result.Error!, Page);
        }

        Connections = result.Value;
        var providers = await sender.Send(new ListProvidersQuery(), cancellationToken);
        Providers = providers.IsSuccess ? providers.Value : [];
        return Page();
    }
}
