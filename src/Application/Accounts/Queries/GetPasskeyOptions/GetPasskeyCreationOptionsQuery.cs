using Mediator;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Accounts.Queries.GetPasskeyOptions;

/// <summary>
/// The WebAuthn creation options for a new passkey of the signed-in person (JSON for the browser). It starts
/// the ceremony that <c>AddPasskeyCommand</c> completes; nothing is kept until then.
/// </summary>
public sealed record GetPasskeyCreationOptionsQuery : IQuery<Result<string>>;

public sealed class GetPasskeyCreationOptionsQueryHandler(IPasskeys passkeys, ICurrentUser user)
    : IQueryHandler<GetPasskeyCreationOptionsQuery, Result<string>>
{
    public async ValueTask<Result<string>> Handle(GetPasskeyCreationOptionsQuery query, CancellationToken cancellationToken) =>
        user.ApiKey is not null || user.UserId is not { } userId
            ? Error.Forbidden("Passkeys are added by their owner, signed in, not by an API key.")
            : await passkeys.BeginAddingAsync(userId, cancellationToken);
}
