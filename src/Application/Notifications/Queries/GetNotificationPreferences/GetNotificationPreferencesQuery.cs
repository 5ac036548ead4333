using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Accounts;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Notifications.Queries.GetNotificationPreferences;

/// <summary>The signed-in person's choice of emails, with the defaults (connection emails on, digest off) when they never chose.</summary>
public sealed record GetNotificationPreferencesQuery : IQuery<Result<NotificationPreferencesDto>>;

public sealed class GetNotificationPreferencesQueryHandler(ICurrentUser user, IApplicationDbContext db)
    : IQueryHandler<GetNotificationPreferencesQuery, Result<NotificationPreferencesDto>>
{
    public async ValueTask<Result<NotificationPreferencesDto>> Handle(
        GetNotificationPreferencesQuery query,
        CancellationToken cancellationToken
    )
    {
        var owner = SignedInPerson.Of(user);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var chosen = await db
            .NotificationPreferences.AsNoTracking()
            .Where(p => p.UserId == owner.Value)
            .Select(p => new { p.ConnectionEmails, p.DailyDigest })
            .SingleOrDefaultAsync(cancellationToken);
        var staff = PlatformRoles.All.Any(user.IsInRole);
        return new NotificationPreferencesDto(chosen?.ConnectionEmails ?? true, staff && (chosen?.DailyDigest ?? false), staff);
    }
}
