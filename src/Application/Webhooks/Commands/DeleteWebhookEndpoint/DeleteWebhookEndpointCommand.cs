using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Commands.DeleteWebhookEndpoint;

/// <summary>Removes an endpoint and its delivery log; nothing more is sent to it, not even an attempt under way's retry.</summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("webhook.deleted")]
public sealed record DeleteWebhookEndpointCommand(Guid Id) : ICommand<Result>, ITenantRequest;

public sealed class DeleteWebhookEndpointCommandHandler(IApplicationDbContext db, ITenantContext tenant, IAuditTrail audit)
    : ICommandHandler<DeleteWebhookEndpointCommand, Result>,
        ICommandHandler<DeletePlatformWebhookEndpointCommand, Result>
{
    public ValueTask<Result> Handle(DeleteWebhookEndpointCommand command, CancellationToken cancellationToken) =>
        DeleteAsync(tenant.TenantId, command.Id, cancellationToken);

    public ValueTask<Result> Handle(DeletePlatformWebhookEndpointCommand command, CancellationToken cancellationToken) =>
        DeleteAsync(null, command.Id, cancellationToken);

    private async ValueTask<Result> DeleteAsync(Guid? tenantId, Guid id, CancellationToken cancellationToken)
    {
        var endpoint = await WebhookScope.FindAsync(db, tenantId, id, cancellationToken);
        if (endpoint is null)
        {
            return WebhookErrors.EndpointNotFound();
        }

        db.WebhookEndpoints.Remove(endpoint);
        audit.Describe(WebhookScope.Target(endpoint.Id), WebhookAudit.Facts(endpoint));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
