using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Commands.CreateWebhookEndpoint;

/// <summary>A platform endpoint: it receives the events of every tenant.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("platform_webhook.created")]
public sealed record CreatePlatformWebhookEndpointCommand(string? Url, string? Description, IReadOnlyList<string>? EventTypes)
    : ICommand<Result<WebhookSecretDto>>,
        IWebhookFields;

public sealed class CreatePlatformWebhookEndpointCommandValidator : AbstractValidator<CreatePlatformWebhookEndpointCommand>
{
    public CreatePlatformWebhookEndpointCommandValidator()
    {
        RuleFor(c => c.Url).ValidWebhookUrl();
        RuleFor(c => c.Description).ValidWebhookDescription();
        RuleFor(c => c.EventTypes).ValidEventTypes();
    }
}
