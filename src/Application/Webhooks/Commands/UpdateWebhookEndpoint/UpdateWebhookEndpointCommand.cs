using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Common.Webhooks;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Commands.UpdateWebhookEndpoint;

/// <summary>
/// Changes what was given of an endpoint (a null field stays as it is). <see cref="Enabled"/> true brings a disabled
/// endpoint back; its failed deliveries stay failed until someone resends them.
/// </summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("webhook.updated")]
public sealed record UpdateWebhookEndpointCommand(
    Guid Id,
    string? Url,
    string? Description,
    IReadOnlyList<string>? EventTypes,
    bool? Enabled
) : ICommand<Result<WebhookEndpointDto>>, ITenantRequest, IWebhookChange;

public sealed class UpdateWebhookEndpointCommandValidator : AbstractValidator<UpdateWebhookEndpointCommand>
{
    public UpdateWebhookEndpointCommandValidator() => this.ValidChange();
}

public sealed class UpdateWebhookEndpointCommandHandler(
    IApplicationDbContext db,
    ITenantContext tenant,
    IWebhookUrlPolicy urls,
    IAuditTrail audit,
    TimeProvider time
)
    : ICommandHandler<UpdateWebhookEndpointCommand, Result<WebhookEndpointDto>>,
        ICommandHandler<UpdatePlatformWebhookEndpointCommand, Result<WebhookEndpointDto>>
{
    public ValueTask<Result<WebhookEndpointDto>> Handle(UpdateWebhookEndpointCommand command, CancellationToken cancellationToken) =>
        UpdateAsync(tenant.TenantId, command, cancellationToken);

    public ValueTask<Result<WebhookEndpointDto>> Handle(
        UpdatePlatformWebhookEndpointCommand command,
        CancellationToken cancellationToken
    ) => UpdateAsync(null, command, cancellationToken);

    private async ValueTask<Result<WebhookEndpointDto>> UpdateAsync(
        Guid? tenantId,
        IWebhookChange change,
        CancellationToken cancellationToken
    )
    {
        var endpoint = await WebhookScope.FindAsync(db, tenantId, change.Id, cancellationToken);
        if (endpoint is null)
        {
            return WebhookErrors.EndpointNotFound();
        }

        var url = new Uri(endpoint.Url);
        if (change.Url is not null && !string.Equals(change.Url, endpoint.Url, StringComparison.Ordinal))
        {
            var check = await urls.CheckAsync(change.Url, cancellationToken);
            if (check.Url is null)
            {
                return WebhookErrors.UrlRefused(check.Problem);
            }

            url = check.Url;
        }

        endpoint.Change(url, change.Description ?? endpoint.Description, change.EventTypes ?? endpoint.Subscriptions);
        switch (change.Enabled)
        {
            case true when !endpoint.IsEnabled:
                endpoint.Enable();
                break;
            case false:
                endpoint.Disable("Disabled by a person.", time.GetUtcNow());
                break;
        }

        audit.Describe(WebhookScope.Target(endpoint.Id), WebhookAudit.Facts(endpoint));
        await db.SaveChangesAsync(cancellationToken);
        return endpoint.ToDto();
    }
}
