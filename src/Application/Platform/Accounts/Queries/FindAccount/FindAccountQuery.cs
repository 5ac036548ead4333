using Mediator;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Platform.Accounts.Queries.FindAccount;

/// <summary>The account of an email address, for Natero staff.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record FindAccountQuery(string Email) : IQuery<Result<AccountDto>>;

public sealed class FindAccountQueryHandler(IUserDirectory users) : IQueryHandler<FindAccountQuery, Result<AccountDto>>
{
    public async ValueTask<Result<AccountDto>> Handle(FindAccountQuery query, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(query.Email) || query.Email.Length > 256
            ? Error.Invalid("email_required", "Give the account's email address: ?email=person@example.com.")
        : await users.FindByEmailAsync(query.Email, cancellationToken) is { } user ? AccountDto.From(user)
        : Error.NotFound("Account");
}
