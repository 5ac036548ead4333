using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Tenants;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.ApiKeys.Commands.CreateApiKey;

/// <summary>A key for the current tenant with some of the creator's own permissions, expiring in <see cref="ExpiresInDays"/>.</summary>
[RequirePermission(Permissions.ApiKeys.Manage)]
[AuditAction("api_key.created")]
public sealed record CreateApiKeyCommand(string Name, IReadOnlyList<string> Scopes, int ExpiresInDays)
    : ICommand<Result<CreatedApiKeyDto>>, ITenantRequest;

/// <summary>A platform key acting with one platform role, which its creator must hold.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("platform_api_key.created")]
public sealed record CreatePlatformApiKeyCommand(string Name, string Role, int ExpiresInDays) : ICommand<Result<CreatedApiKeyDto>>;

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator(IOptions<ApiKeyOptions> options)
    {
        RuleFor(c => c.Name).ValidKeyName();
        RuleFor(c => c.Scopes).KnownPermissions().Must(s => s is not { Count: 0 }).WithMessage("Choose at least one permission.");
        RuleFor(c => c.ExpiresInDays).ValidLifetime(options.Value);
    }
}

public sealed class CreatePlatformApiKeyCommandValidator : AbstractValidator<CreatePlatformApiKeyCommand>
{
    public CreatePlatformApiKeyCommandValidator(IOptions<ApiKeyOptions> options)
    {
        RuleFor(c => c.Name).ValidKeyName();
        RuleFor(c => c.Role).Must(r => PlatformRoles.All.Contains(r)).WithMessage($"Choose {string.Join(" or ", PlatformRoles.All)}.");
        RuleFor(c => c.ExpiresInDays).ValidLifetime(options.Value);
    }
}

internal static class ApiKeyRules
{
    public static IRuleBuilderOptions<T, string> ValidKeyName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Name the key after what will use it.").MaximumLength(100);

    public static IRuleBuilderOptions<T, int> ValidLifetime<T>(this IRuleBuilder<T, int> rule, ApiKeyOptions options) =>
        rule.InclusiveBetween(1, options.MaxLifetimeDays).WithMessage($"A key expires after 1 to {options.MaxLifetimeDays} days.");
}

public sealed class CreateApiKeyCommandHandler(IApplicationDbContext db, ICurrentUser user, ITenantContext tenant, ICurrentTenantAccess access, TimeProvider time)
    : ICommandHandler<CreateApiKeyCommand, Result<CreatedApiKeyDto>>, ICommandHandler<CreatePlatformApiKeyCommand, Result<CreatedApiKeyDto>>
{
    public async ValueTask<Result<CreatedApiKeyDto>> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var held = (await access.GetAsync(cancellationToken))!.Permissions;
        var beyond = command.Scopes.Where(s => !held.Contains(s)).Select(Permissions.DisplayName).ToList();
        if (beyond.Count > 0)
        {
            return Error.Forbidden($"A key can only have permissions you hold yourself; you do not hold {string.Join(", ", beyond.Select(p => $"\"{p}\""))}.");
        }

        return await CreateAsync(tenant.TenantId, command.Name, command.Scopes, command.ExpiresInDays, cancellationToken);
    }

    public async ValueTask<Result<CreatedApiKeyDto>> Handle(CreatePlatformApiKeyCommand command, CancellationToken cancellationToken)
    {
        if (user.ApiKey is not null)
        {
            return Error.Forbidden("Platform keys are created by a person, not by another key.");
        }

        return await CreateAsync(null, command.Name, [command.Role], command.ExpiresInDays, cancellationToken);
    }

    private async Task<CreatedApiKeyDto> CreateAsync(Guid? tenantId, string name, IReadOnlyList<string> scopes, int days, CancellationToken cancellationToken)
    {
        var (plaintext, displayPrefix, hash) = ApiKeySecret.Generate();
        var key = ApiKey.Create(Guid.CreateVersion7(time.GetUtcNow()), tenantId, name.Trim(), displayPrefix, hash, scopes, user.UserId!.Value, time.GetUtcNow().AddDays(days));
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(key.Id, key.Name, key.Prefix, plaintext, key.Scopes.ToList(), key.ExpiresAt);
    }
}
