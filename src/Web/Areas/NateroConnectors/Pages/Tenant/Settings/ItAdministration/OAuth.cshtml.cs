using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Application.Connections.Commands.DisconnectConnection;
using Natero.Connectors.Application.Connections.Commands.VerifyConnection;
using Natero.Connectors.Application.Connections.Queries.GetAbandonedAuthorization;
using Natero.Connectors.Application.Connections.Queries.GetConnection;
using Natero.Connectors.Application.Connections.Queries.GetConnections;
using Natero.Connectors.Application.Connections.Queries.ListConnections;
using Natero.Connectors.Application.Connections.Queries.ListProviders;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Web.Endpoints;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Tenant.Settings.ItAdministration;

[Authorize(Policy = Permissions.DataConnectors.View)]
public sealed class OAuthModel(ISender sender, ICurrentTenantAccess access, OAuthBrowserBinding binding) : PageModel
{
    public IReadOnlyList<ProviderDto> Providers { get; private set; } = [];

    /// <summary>The providers a person can authorize here now: the configured ones, in the dropdown.</summary>
    public IReadOnlyList<ProviderDto> Configured { get; private set; } = [];

    /// <summary>The attempt this person started and never completed, with what its provider says to do about it.</summary>
    public (ProviderDto Provider, DateTimeOffset StartedAt)? Abandoned { get; private set; }
    public IReadOnlyList<ConnectionDto> Connections { get; private set; } = [];
    public bool CanConfigure { get; private set; }
    public string? Banner { get; private set; }

    /// <summary>success, warning or error: how the banner looks.</summary>
    public string BannerKind { get; private set; } = "success";

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? MessageKind { get; set; }

    [BindProperty]
    public AuthorizeInput Input { get; set; } = new();

    /// <summary>The provider's own name for a stored provider key; the key itself when the provider is gone.</summary>
    public string ProviderName(string key) => Provider(key)?.DisplayName ?? key;

    public ProviderDto? Provider(string key) => Providers.FirstOrDefault(p => p.Key == key);

    /// <summary>What the provider calls the account a connection reads: org, portal, account.</summary>
    public string AccountNoun(string key) => Provider(key)?.AccountNoun ?? "account";

    public string Site(ConnectionDto c) => Provider(c.Provider)?.DescribeSite(c.Environment, c.SignInHost) ?? c.Environment;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Banner = TempData[OAuthCallbackEndpoint.BannerKey] as string;
        BannerKind = TempData[OAuthCallbackEndpoint.BannerKindKey] as string ?? "success";
        return await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAuthorizeAsync(CancellationToken cancellationToken) =>
        await StartAsync(new AuthorizeProviderCommand(Input.Provider, Input.EnvironmentFor(), Input.HostFor(), null), cancellationToken);

    public async Task<IActionResult> OnPostReauthorizeAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var connection = await sender.Send(new GetConnectionQuery(connectionId), cancellationToken);
        if (!connection.IsSuccess)
        {
            return this.Failure(connection.Error!, Page);
        }

        var c = connection.Value;
        return await StartAsync(new AuthorizeProviderCommand(c.Provider, c.Environment, c.SignInHost, null), cancellationToken);
    }

    public async Task<IActionResult> OnPostVerifyAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new VerifyConnectionCommand(connectionId), cancellationToken);
        if (!result.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), result.Error!);
        }

        (Message, MessageKind) = (result.Value.Message, result.Value.Healthy ? "success" : "warning");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisconnectAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new DisconnectConnectionCommand(connectionId), cancellationToken);
        if (!result.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), result.Error!);
        }

        (Message, MessageKind) = (result.Value.Message, result.Value.RevokedAtProvider ? "success" : "warning");
        return RedirectToPage();
    }

    private async Task<IActionResult> StartAsync(AuthorizeProviderCommand command, CancellationToken cancellationToken)
    {
        var started = await sender.Send(command, cancellationToken);
        if (!started.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), started.Error!, nameof(Input));
        }

        return this.RedirectToProvider(binding, started.Value);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        var providers = await sender.Send(new ListProvidersQuery(), cancellationToken);
        var connections = new List<ConnectionDto>();
        string? cursor = null;
        do
        {
            var page = await sender.Send(new ListConnectionsQuery(cursor, ListConnectionsQuery.MaxLimit), cancellationToken);
            if (!page.IsSuccess)
            {
                return this.Failure(page.Error!, Page);
            }

            connections.AddRange(page.Value.Items);
            cursor = page.Value.NextCursor;
        } while (cursor is not null);

        Providers = providers.IsSuccess ? providers.Value : [];
        Configured = [.. Providers.Where(p => p.IsConfigured)];
        Connections = connections;
        var abandoned = await sender.Send(new GetAbandonedAuthorizationQuery(), cancellationToken);
        Abandoned =
            abandoned is { IsSuccess: true, Value: { } started } && Provider(started.Provider) is { SignInHelp: not null } p
                ? (p, started.StartedAt)
                : null;
        CanConfigure = (await access.GetAsync(cancellationToken))?.Has(Permissions.DataConnectors.Configure) == true;
        return Page();
    }

    /// <summary>
    /// The form has a set of fields per provider (<c>Input.Environments[key]</c>, <c>Input.Hosts[key]</c>), so that it works
    /// without script whichever provider is chosen; a client posting one set (<c>Input.Environment</c>, <c>Input.Host</c>) works too.
    /// </summary>
    public sealed class AuthorizeInput
    {
        public string Provider { get; set; } = string.Empty;
        public string? Environment { get; set; }
        public string? Host { get; set; }

        /// <summary>What older forms and scripts post for a My Domain host.</summary>
        public string? MyDomainHost { get; set; }

        public Dictionary<string, string?> Environments { get; set; } = [];
        public Dictionary<string, string?> Hosts { get; set; } = [];

        public string? EnvironmentFor() => Environments.GetValueOrDefault(Provider) ?? Environment;

        public string? HostFor() =>
            Hosts.GetValueOrDefault(Provider) is { Length: > 0 } host ? host
            : !string.IsNullOrWhiteSpace(Host) ? Host
            : MyDomainHost;
    }
}
