using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.ApiKeys.Authentication;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.ApiKeys.Commands.RevokeApiKey;

/// <summary>
/// Revokes one of the current tenant's keys, and every key it made (and they made), in one transaction;
/// another tenant's key is "not found".
/// </summary>
[RequirePermission(Permissions.ApiKeys.Manage)]
[AuditAction("api_key.revoked")]
public sealed record RevokeApiKeyCommand(Guid ApiKeyId) : ICommand<Result>, ITenantRequest;

public sealed class RevokeApiKeyCommandHandler(
    IApplicationDbContext db,
    ITenantContext tenant,
    IApiKeyAuthenticator keys,
    IAuditTrail audit,
    TimeProvider time
) : ICommandHandler<RevokeApiKeyCommand, Result>, ICommandHandler<RevokePlatformApiKeyCommand, Result>
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

        var now = time.GetUtcNow();
        key.Revoke(now);
        var descendants = await DescendantsAsync(key, cancellationToken);
        var alive = descendants.Count(d => d.RevokedAt is null);
        foreach (var descendant in descendants)
        {
            descendant.RevokeWithParent(now);
        }

        var facts = ApiKeyAudit.Facts(key);
        facts["descendants_revoked"] = alive.ToString(CultureInfo.InvariantCulture);
        audit.Describe(ApiKeyAudit.Target(key.Id), facts);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var revoked in descendants.Prepend(key))
        {
            keys.Forget(revoked.Id);
        }

        return Result.Success();
    }

    /// <summary>
    /// The keys this one made, the keys those made, and so on, still usable or not: a descendant revoked
    /// earlier may have descendants of its own that a missed cascade left alive. Children share their
    /// parent's tenant, so the lookup stays inside it.
    /// </summary>
    private async Task<List<ApiKey>> DescendantsAsync(ApiKey root, CancellationToken cancellationToken)
    {
        var found = new List<ApiKey>();
        var seen = new HashSet<Guid> { root.Id };
        List<Guid> parents = [root.Id];
        while (parents.Count > 0)
        {
            var children = await db
                .ApiKeys.Where(k => k.TenantId == root.TenantId && k.ParentKeyId != null && parents.Contains(k.ParentKeyId.Value))
                .ToListAsync(cancellationToken);
            children.RemoveAll(c => !seen.Add(c.Id));
            found.AddRange(children);
            parents = [.. children.Select(c => c.Id)];
        }

        return found;
    }
}
