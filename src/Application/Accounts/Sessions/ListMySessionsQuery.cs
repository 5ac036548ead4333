using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Accounts.Sessions;

/// <summary>The person's open sessions, this one first, then the most recently used.</summary>
public sealed record ListMySessionsQuery : IQuery<Result<IReadOnlyList<SessionDto>>>;

public sealed class ListMySessionsQueryHandler(ICurrentUser user, IApplicationDbContext db)
    : IQueryHandler<ListMySessionsQuery, Result<IReadOnlyList<SessionDto>>>
{
    /// <summary>More than anyone has open; an account with more sees the most recent.</summary>
    private const int Shown = 50;

    public async ValueTask<Result<IReadOnlyList<SessionDto>>> Handle(ListMySessionsQuery query, CancellationToken cancellationToken)
    {
        var owner = SignedInPerson.Of(user);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var rows = await db
            .SignInSessions.AsNoTracking()
            .Where(s => s.UserId == owner.Value && s.EndedAt == null)
            .OrderByDescending(s => s.LastSeenAt)
            .Take(Shown)
            .ToListAsync(cancellationToken);
        return rows.Select(s => new SessionDto(
                s.Id,
                s.Method,
                UserAgents.Describe(s.UserAgent),
                s.IpAddress,
                s.CreatedAt,
                s.LastSeenAt,
                s.Id == user.SessionId
            ))
            .OrderByDescending(s => s.IsCurrent)
            .ThenByDescending(s => s.LastSeenAt)
            .ToList();
    }
}
