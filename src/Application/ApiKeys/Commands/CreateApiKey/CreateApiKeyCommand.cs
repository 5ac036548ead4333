using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Tenants;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.ApiKeys.Commands.CreateApiKey;

/// <summary>
/// A key for the current tenant with some of the creator's own permissions, expiring in <see cref="ExpiresInDays"/>.
/// Made by a key, it records that key as its parent, has no more than the parent may do now, expires no later
/// than the parent, and is revoked with it.
/// </summary>
[RequirePermission(Permissions.ApiKeys.Manage)]
[AuditAction("api_key.created")]
public sealed record CreateApiKeyCommand(string Name, IReadOnlyList<string> Scopes, int ExpiresInDays)
    : ICommand<Result<CreatedApiKeyDto>>,
        ITenantRequest;

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator(IOptions<ApiKeyOptions> options)
    {
        RuleFor(c => c.Name).ValidKeyName();
        RuleFor(c => c.Scopes).KnownPermissions().Must(s => s is not { Count: 0 }).WithMessage("Choose at least one permission.");
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

public sealed class CreateApiKeyCommandHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    ITenantContext tenant,
    ICurrentTenantAccess access,
    IAuditTrail audit,
    TimeProvider time
) : ICommandHandler<CreateApiKeyCommand, Result<CreatedApiKeyDto>>, ICommandHandler<CreatePlatformApiKeyCommand, Result<CreatedApiKeyDto>>
{
    public async ValueTask<Result<CreatedApiKeyDto>> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        // For a key, what it may do now: its scopes narrowed to its creator's membership.
        var held = (await access.GetAsync(cancellationToken))!.Permissions;
        if (PermissionGrants.Refusal(held, command.Scopes, "A key can only have permissions you hold yourself") is { } refusal)
        {
            return refusal;
        }

        var expiresAt = time.GetUtcNow().AddDays(command.ExpiresInDays);
        ApiKey? parent = null;
        if (user.ApiKey is { } caller)
        {
            parent = await db
                .ApiKeys.AsNoTracking()
                .SingleOrDefaultAsync(k => k.Id == caller.Id && k.TenantId == tenant.TenantId, cancellationToken);
            if (parent is null)
            {
                return Error.Forbidden("The key making this request no longer exists.");
            }

            if (!parent.MayMakeKeyExpiringAt(expiresAt))
            {
                return OutlivesParent(parent);
            }
        }

        return await CreateAsync(tenant.TenantId, command.Name, command.Scopes, expiresAt, parent, cancellationToken);
    }

    public async ValueTask<Result<CreatedApiKeyDto>> Handle(CreatePlatformApiKeyCommand command, CancellationToken cancellationToken)
    {
        if (user.ApiKey is not null)
        {
            return Error.Forbidden("Platform keys are created by a person, not by another key.");
        }

        var expiresAt = time.GetUtcNow().AddDays(command.ExpiresInDays);
        return await CreateAsync(null, command.Name, [command.Role], expiresAt, null, cancellationToken);
    }

    /// <summary>A validation failure on the expiry, naming the latest date the parent allows.</summary>
    private Error OutlivesParent(ApiKey parent)
    {
        var days = (int)Math.Floor((parent.ExpiresAt - time.GetUtcNow()).TotalDays);
        var latest = parent.ExpiresAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var message =
            days >= 1
                ? $"A key made by another key expires no later than it: the latest allowed is {latest} UTC, so at most {days} days."
                : $"A key made by another key expires no later than it, and this key expires at {latest} UTC, in less than a day.";
        return Error.Invalid("outlives_parent_key", message) with
        {
            Fields = new Dictionary<string, string[]>(StringComparer.Ordinal) { [nameof(CreateApiKeyCommand.ExpiresInDays)] = [message] },
        };
    }

    private async Task<CreatedApiKeyDto> CreateAsync(
        Guid? tenantId,
        string name,
        IReadOnlyList<string> scopes,
        DateTimeOffset expiresAt,
        ApiKey? parent,
        CancellationToken cancellationToken
    )
    {
        var (plaintext, displayPrefix, hash) = ApiKeySecret.Generate();
        var id = Ids.New(time);
        var key = ApiKey.Create(id, tenantId, name.Trim(), displayPrefix, hash, scopes, user.UserId!.Value, expiresAt, parent);
        db.ApiKeys.Add(key);
        audit.Describe(ApiKeyAudit.Target(key.Id), ApiKeyAudit.Facts(key));
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(key.Id, key.Name, key.Prefix, plaintext, key.Scopes.ToList(), key.ExpiresAt);
    }
}
