using Mediator;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Accounts.SecondFactors;

/// <summary>The signed-in person's second factors, as their security page shows them.</summary>
public sealed record GetMySecondFactorsQuery : IQuery<Result<SecondFactorState>>;

public sealed class GetMySecondFactorsQueryHandler(IAccounts accounts, ICurrentUser user)
    : IQueryHandler<GetMySecondFactorsQuery, Result<SecondFactorState>>
{
    public async ValueTask<Result<SecondFactorState>> Handle(GetMySecondFactorsQuery query, CancellationToken cancellationToken)
    {
        var owner = SignedInPerson.Of(user);
        return owner.IsSuccess ? await accounts.GetSecondFactorsAsync(owner.Value, cancellationToken) : owner.Error!;
    }
}
