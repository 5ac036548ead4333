using Mediator;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Common.Webhooks;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Commands.RotateWebhookSecret;

/// <summary>
/// A new signing secret, answered once. The old one keeps signing alongside it for <c>Webhooks:SecretOverlap</c>
/// (24 hours), so receivers can switch without missing a delivery; each delivery carries both signatures meanwhile.
/// </summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("webhook.secret_rotated")]
public sealed record RotateWebhookSecretCommand(Guid Id) : ICommand<Result<WebhookSecretDto>>, ITenantRequest;

public sealed class RotateWebhookSecretCommandHandler(
    IApplicationDbContext db,
    ITenantContext tenant,
    ISecretProtector protector,
    IOptions<WebhookOptions> options,
    IAuditTrail audit,
    TimeProvider time
)
    : ICommandHandler<RotateWebhookSecretCommand, Result<WebhookSecretDto>>,
        ICommandHandler<RotatePlatformWebhookSecretCommand, Result<WebhookSecretDto>>
{
    public ValueTask<Result<WebhookSecretDto>> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken) =>
        RotateAsync(tenant.TenantId, command.Id, cancellationToken);

    public ValueTask<Result<WebhookSecretDto>> Handle(RotatePlatformWebhookSecretCommand command, CancellationToken cancellationToken) =>
        RotateAsync(null, command.Id, cancellationToken);

    private async ValueTask<Result<WebhookSecretDto>> RotateAsync(Guid? tenantId, Guid id, CancellationToken cancellationToken)
    {
        var endpoint = await WebhookScope.FindAsync(db, tenantId, id, cancellationToken);
        if (endpoint is null)
        {
            return WebhookErrors.EndpointNotFound();
        }

        var secret = WebhookSecret.New();
        var now = time.GetUtcNow();
        endpoint.RotateSecret(protector.Protect(secret, WebhookScope.Binding(tenantId, endpoint.Id)), now, options.Value.SecretOverlap);
        var facts = WebhookAudit.Facts(endpoint);
        facts["old_signs_until"] = endpoint.PreviousSecretExpiresAt?.ToString("O");
        audit.Describe(WebhookScope.Target(endpoint.Id), facts);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretDto(endpoint.ToDto(), secret);
    }
}
