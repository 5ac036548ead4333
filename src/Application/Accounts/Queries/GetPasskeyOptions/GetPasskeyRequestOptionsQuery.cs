using Mediator;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;

namespace Natero.Connectors.Application.Accounts.Queries.GetPasskeyOptions;

/// <summary>
/// The WebAuthn request options for a passkey sign-in (JSON for the browser), which
/// <c>SignInWithPasskeyCommand</c> completes. <see cref="AsSecondFactor"/>: after a correct password, only a
/// passkey of that account will do.
/// </summary>
[AllowAnonymousRequest]
public sealed record GetPasskeyRequestOptionsQuery(bool AsSecondFactor) : IQuery<Result<string>>;

public sealed class GetPasskeyRequestOptionsQueryHandler(IPasskeys passkeys) : IQueryHandler<GetPasskeyRequestOptionsQuery, Result<string>>
{
    public async ValueTask<Result<string>> Handle(GetPasskeyRequestOptionsQuery query, CancellationToken cancellationToken) =>
        await passkeys.BeginSignInAsync(query.AsSecondFactor, cancellationToken);
}
