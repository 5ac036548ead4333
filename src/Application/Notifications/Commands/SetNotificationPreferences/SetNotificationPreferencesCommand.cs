using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Accounts;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Accounts;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Notifications.Commands.SetNotificationPreferences;

/// <summary>A signed-in person chooses which emails about connections they get; the daily digest is for platform staff.</summary>
[AuditAction("account.notifications_changed")]
public sealed record SetNotificationPreferencesCommand(bool ConnectionEmails, bool DailyDigest) : ICommand<Result>;

public sealed class SetNotificationPreferencesCommandValidator : AbstractValidator<SetNotificationPreferencesCommand>
{
    public SetNotificationPreferencesCommandValidator(ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        RuleFor(c => c.DailyDigest)
            .Must(digest => !digest || PlatformRoles.All.Any(user.IsInRole))
            .WithMessage("The daily digest of every tenant's broken connections is for Natero staff only.");
    }
}

public sealed class SetNotificationPreferencesCommandHandler(
    ICurrentUser user,
    IApplicationDbContext db,
    IAuditTrail audit,
    TimeProvider time
) : ICommandHandler<SetNotificationPreferencesCommand, Result>
{
    public async ValueTask<Result> Handle(SetNotificationPreferencesCommand command, CancellationToken cancellationToken)
    {
        var owner = SignedInPerson.Of(user);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var preferences = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == owner.Value, cancellationToken);
        if (preferences is null)
        {
            preferences = NotificationPreferences.For(owner.Value);
            db.NotificationPreferences.Add(preferences);
        }

        preferences.Set(command.ConnectionEmails, command.DailyDigest, time.GetUtcNow());
        audit.Describe(
            $"user:{owner.Value}",
            new Dictionary<string, string?>
            {
                ["connectionEmails"] = command.ConnectionEmails ? "on" : "off",
                ["dailyDigest"] = command.DailyDigest ? "on" : "off",
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
