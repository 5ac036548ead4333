using Mediator;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Accounts.Queries.ListPasskeys;

/// <summary>The signed-in person's own passkeys, newest first.</summary>
public sealed record ListPasskeysQuery : IQuery<Result<IReadOnlyList<PasskeySummary>>>;

public sealed class ListPasskeysQueryHandler(IPasskeys passkeys, ICurrentUser user)
    : IQueryHandler<ListPasskeysQuery, Result<IReadOnlyList<PasskeySummary>>>
{
    public async ValueTask<Result<IReadOnlyList<PasskeySummary>>> Handle(ListPasskeysQuery query, CancellationToken cancellationToken)
    {
        if (user.ApiKey is not null || user.UserId is not { } userId)
        {
            return Error.Forbidden("Passkeys are managed by their owner, signed in, not by an API key.");
        }

        var list = await passkeys.ListAsync(userId, cancellationToken);
        return Result<IReadOnlyList<PasskeySummary>>.Success([.. list.OrderByDescending(p => p.CreatedAt)]);
    }
}
