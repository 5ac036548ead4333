using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Application.Connections.Queries.GetAuthorizationLink;
using Natero.Connectors.Application.Connections.Queries.ListProviders;
using Natero.Connectors.Application.Tenants.Queries.ListMyTenants;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Tenant;

/// <summary>
/// Where an authorization link lands: it says what the link asks, and only a deliberate POST uses the
/// link up and starts the authorization, exactly as Authorize provider on Manage OAuth does.
/// </summary>
[Authorize(Policy = Permissions.DataConnectors.Configure)]
public sealed class ConnectModel(ISender sender, ITenantContext tenant, OAuthBrowserBinding binding) : PageModel
{
    public AuthorizationLinkDto? Link { get; private set; }

    public string ProviderName { get; private set; } = string.Empty;

    /// <summary>Where the person will sign in, in words.</summary>
    public string Site { get; private set; } = string.Empty;

    public string? SignInHelp { get; private set; }

    /// <summary>Why the provider cannot be authorized on this installation, or null when it can.</summary>
    public string? ProviderNotReady { get; private set; }

    public string TenantName { get; private set; } = string.Empty;

    /// <summary>Why this link cannot take anyone further: unknown, already used or expired.</summary>
    public string? Refusal { get; private set; }

    public string ManageOAuthPath => Url.Natero($"/t/{tenant.TenantSlug}/settings/it-administration/oauth");

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        // Only looks: mail scanners and link previews fetch links too, and must not use them up.
        var link = await sender.Send(new GetAuthorizationLinkQuery(token), cancellationToken);
        if (!link.IsSuccess)
        {
            return Refuse(link.Error!);
        }

        Link = link.Value;
        var providers = await sender.Send(new ListProvidersQuery(), cancellationToken);
        var provider = providers.IsSuccess ? providers.Value.FirstOrDefault(p => p.Key == Link.Provider) : null;
        ProviderName = provider?.DisplayName ?? Link.Provider;
        Site = provider?.DescribeSite(Link.Environment, Link.SignInHost) ?? Link.Environment;
        SignInHelp = provider?.SignInHelp;
        ProviderNotReady = provider is { IsConfigured: true }
            ? null
            : provider?.NotConfiguredHelp ?? $"{ProviderName} is not configured on this installation.";
        var tenants = await sender.Send(new ListMyTenantsQuery(), cancellationToken);
        TenantName = (tenants.IsSuccess ? tenants.Value.FirstOrDefault(t => t.Id == tenant.TenantId)?.Name : null) ?? tenant.TenantSlug!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var link = await sender.Send(new UseAuthorizationLinkCommand(token), cancellationToken);
        if (!link.IsSuccess)
        {
            return Refuse(link.Error!);
        }

        var l = link.Value;
        var started = await sender.Send(
            new AuthorizeProviderCommand(l.Provider, l.Environment, l.SignInHost, l.ReturnUrl),
            cancellationToken
        );
        if (!started.IsSuccess)
        {
            var error = started.Error!;
            return Refuse(error with { Message = $"{error.Message} This link is now used up; authorize from Manage OAuth instead." });
        }

        return this.RedirectToProvider(binding, started.Value);
    }

    /// <summary>Says why on this page, with its status, and points to Manage OAuth.</summary>
    private IActionResult Refuse(Error error)
    {
        switch (error.Kind)
        {
            case ErrorKind.NotFound:
                Refusal = "There is no such link in this tenant. Check that you opened the whole link, in the tenant it was made for.";
                break;
            case ErrorKind.Conflict:
            case ErrorKind.Validation:
                Refusal = error.Message;
                break;
            default:
                return this.Failure(error, Page);
        }

        Response.StatusCode = ResultStatus.Of(error.Kind);
        return Page();
    }
}
