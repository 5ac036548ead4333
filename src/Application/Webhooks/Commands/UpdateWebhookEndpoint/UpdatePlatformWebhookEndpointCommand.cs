using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Commands.UpdateWebhookEndpoint;

/// <summary>Changes a platform endpoint, as <see cref="UpdateWebhookEndpointCommand"/> does a tenant's.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("platform_webhook.updated")]
public sealed record UpdatePlatformWebhookEndpointCommand(
    Guid Id,
    string? Url,
    string? Description,
    IReadOnlyList<string>? EventTypes,
    bool? Enabled
) : ICommand<Result<WebhookEndpointDto>>, IWebhookChange;

public sealed class UpdatePlatformWebhookEndpointCommandValidator : AbstractValidator<UpdatePlatformWebhookEndpointCommand>
{
    public UpdatePlatformWebhookEndpointCommandValidator() => this.ValidChange();
}
