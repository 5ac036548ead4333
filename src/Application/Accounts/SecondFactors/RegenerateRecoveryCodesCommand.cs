using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Accounts.SecondFactors;

/// <summary>Ten new recovery codes; the old ones stop working.</summary>
[AuditAction("account.recovery_codes_regenerated")]
public sealed record RegenerateRecoveryCodesCommand : ICommand<Result<IReadOnlyList<string>>>;

public sealed class RegenerateRecoveryCodesCommandHandler(IAccounts accounts, ICurrentUser user, IApplicationDbContext db)
    : ICommandHandler<RegenerateRecoveryCodesCommand, Result<IReadOnlyList<string>>>
{
    public async ValueTask<Result<IReadOnlyList<string>>> Handle(
        RegenerateRecoveryCodesCommand command,
        CancellationToken cancellationToken
    )
    {
        var owner = SignedInPerson.Of(user);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var codes = await accounts.RegenerateRecoveryCodesAsync(owner.Value, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }
}
