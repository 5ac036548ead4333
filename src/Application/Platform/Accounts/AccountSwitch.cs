using Natero.Connectors.Application.ApiKeys.Authentication;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Platform.Accounts;

/// <summary>Disabling and enabling an account: one path, audited on the platform chain, that drops the account's cached keys.</summary>
public sealed class AccountSwitch(
    IAccounts accounts,
    ICurrentUser user,
    IApiKeyAuthenticator keys,
    IAuditTrail audit,
    IApplicationDbContext db
)
{
    public async Task<Result<AccountDto>> SetAsync(Guid userId, bool disabled, string action, CancellationToken cancellationToken)
    {
        if (disabled && userId == user.UserId)
        {
            return Error.Conflict("own_account", "You cannot disable your own account.");
        }

        var changed = await accounts.SetDisabledAsync(userId, disabled, cancellationToken);
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        // Its keys stop (or work again) at once here; elsewhere within a second with Redis, else within ApiKeys:CacheDuration.
        keys.ForgetCreator(userId);
        audit.Record(
            action,
            $"user:{userId}",
            AuditOutcome.Success,
            tenantId: null,
            data: new Dictionary<string, string?> { ["email"] = changed.Value.Email }
        );
        await db.SaveChangesAsync(cancellationToken);
        return AccountDto.From(changed.Value);
    }
}
