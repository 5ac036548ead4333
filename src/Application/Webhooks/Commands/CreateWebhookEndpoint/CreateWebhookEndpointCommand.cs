using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Common.Webhooks;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Webhooks;

namespace Natero.Connectors.Application.Webhooks.Commands.CreateWebhookEndpoint;

/// <summary>
/// A new endpoint for the current tenant's events. The URL must be https and resolve to public addresses only
/// (SECURITY S28); the signing secret is in this answer only.
/// </summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("webhook.created")]
public sealed record CreateWebhookEndpointCommand(string? Url, string? Description, IReadOnlyList<string>? EventTypes)
    : ICommand<Result<WebhookSecretDto>>,
        ITenantRequest,
        IWebhookFields;

public sealed class CreateWebhookEndpointCommandValidator : AbstractValidator<CreateWebhookEndpointCommand>
{
    public CreateWebhookEndpointCommandValidator()
    {
        RuleFor(c => c.Url).ValidWebhookUrl();
        RuleFor(c => c.Description).ValidWebhookDescription();
        RuleFor(c => c.EventTypes).ValidEventTypes();
    }
}

public sealed class CreateWebhookEndpointCommandHandler(
    IApplicationDbContext db,
    ITenantContext tenant,
    ICurrentUser user,
    IWebhookUrlPolicy urls,
    ISecretProtector protector,
    IAuditTrail audit,
    TimeProvider time
)
    : ICommandHandler<CreateWebhookEndpointCommand, Result<WebhookSecretDto>>,
        ICommandHandler<CreatePlatformWebhookEndpointCommand, Result<WebhookSecretDto>>
{
    public ValueTask<Result<WebhookSecretDto>> Handle(CreateWebhookEndpointCommand command, CancellationToken cancellationToken) =>
        CreateAsync(tenant.TenantId, command, cancellationToken);

    public ValueTask<Result<WebhookSecretDto>> Handle(CreatePlatformWebhookEndpointCommand command, CancellationToken cancellationToken) =>
        CreateAsync(null, command, cancellationToken);

    private async ValueTask<Result<WebhookSecretDto>> CreateAsync(
        Guid? tenantId,
        IWebhookFields fields,
        CancellationToken cancellationToken
    )
    {
        var check = await urls.CheckAsync(fields.Url!, cancellationToken);
        if (check.Url is not { } url)
        {
            return WebhookErrors.UrlRefused(check.Problem);
        }

        var id = Ids.New(time);
        var secret = WebhookSecret.New();
        var endpoint = WebhookEndpoint.Create(
            id,
            tenantId,
            url,
            fields.Description,
            fields.EventTypes!,
            protector.Protect(secret, WebhookScope.Binding(tenantId, id)),
            user.UserId ?? throw new InvalidOperationException("Creating a webhook needs a signed-in user or API key.")
        );
        db.WebhookEndpoints.Add(endpoint);
        audit.Describe(WebhookScope.Target(id), WebhookAudit.Facts(endpoint));
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretDto(endpoint.ToDto(), secret);
    }
}
