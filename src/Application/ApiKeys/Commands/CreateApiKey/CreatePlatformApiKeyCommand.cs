using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.ApiKeys.Commands.CreateApiKey;

/// <summary>A platform key acting with one platform role, which its creator must hold.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("platform_api_key.created")]
public sealed record CreatePlatformApiKeyCommand(string Name, string Role, int ExpiresInDays) : ICommand<Result<CreatedApiKeyDto>>;

public sealed class CreatePlatformApiKeyCommandValidator : AbstractValidator<CreatePlatformApiKeyCommand>
{
    public CreatePlatformApiKeyCommandValidator(IOptions<ApiKeyOptions> options)
    {
        RuleFor(c => c.Name).ValidKeyName();
        RuleFor(c => c.Role).Must(r => PlatformRoles.All.Contains(r)).WithMessage($"Choose {string.Join(" or ", PlatformRoles.All)}.");
        RuleFor(c => c.ExpiresInDays).ValidLifetime(options.Value);
    }
}
