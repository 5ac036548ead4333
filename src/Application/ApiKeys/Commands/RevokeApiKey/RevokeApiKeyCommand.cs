using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.ApiKeys.Authentication;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.ApiKeys.Commands.RevokeApiKey;

/// <summary>Revokes one of the current tenant's keys; another tenant's key is "not found".</summary>
[RequirePermission(Permissions.ApiKeys.Manage)]
[AuditAction("api_key.revoked")]
public sealed record RevokeApiKeyCommand(Guid ApiKeyId) : ICommand<Result>, ITenantRequest;

[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("platform_api_key.revoked")]
public sealed record RevokePlatformApiKeyCommand(Guid ApiKeyId) : ICommand<Result>;

public sealed class RevokeApiKeyCommandHandler(IApplicationDbContext db, ITenantContext tenant, IApiKeyAuthenticator keys, TimeProvider time)
    : ICommandHandler<RevokeApiKeyCommand, Result>, ICommandHandler<RevokePlatformApiKeyCommand, Result>
{
    public ValueTask<Result> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken) =>
        RevokeAsync(command.ApiKeyId, tenant.TenantId, cancellationToken);

    public ValueTask<Result> Handle(RevokePlatformApiKeyCommand command, CancellationToken cancellationToken) =>
        RevokeAsync(command.ApiKeyId, null, cancellationToken);

    private async ValueTask<Result> RevokeAsync(Guid id, Guid? tenantId, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.TenantId == tenantId, cancellationToken);
        if (key is null)
        {
            return Error.NotFound("API key");
        }

        if (key.RevokedAt is not null)
        {
            return Error.Conflict("already_revoked", "This key is already revoked.");
        }

        key.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        keys.Forget(key.SecretHash);
        return Result.Success();
    }
}
