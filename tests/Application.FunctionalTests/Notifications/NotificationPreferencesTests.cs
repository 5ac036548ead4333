using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Notifications.Commands.SetNotificationPreferences;
using Natero.Connectors.Application.Notifications.Queries.GetNotificationPreferences;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Notifications;

/// <summary>A person chooses their own emails: never anonymously, with defaults until they do, and each choice is audited.</summary>
public sealed class NotificationPreferencesTests(ApplicationFixture app) : FunctionalTest(app)
{
    [Fact]
    public async Task Anonymous_callers_can_neither_read_nor_change_preferences()
    {
        (await App.SendAsync(new GetNotificationPreferencesQuery(), null)).Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
        (await App.SendAsync(new SetNotificationPreferencesCommand(false, false), null)).Error!.Kind.ShouldBe(ErrorKind.Unauthorized);

        (await App.QueryDbAsync(db => db.NotificationPreferences.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_member_starts_with_connection_emails_on_and_no_digest_and_switching_them_off_is_saved_and_audited()
    {
        var member = await App.UserAsync(TestUsers.DemoAdmin);
        (await App.SendAsync(new GetNotificationPreferencesQuery(), member)).Value.ShouldBe(
            new NotificationPreferencesDto(true, false, false)
        );

        (await App.SendAsync(new SetNotificationPreferencesCommand(false, false), member)).IsSuccess.ShouldBeTrue();

        (await App.SendAsync(new GetNotificationPreferencesQuery(), member)).Value.ShouldBe(
            new NotificationPreferencesDto(false, false, false)
        );
        var audit = await App.QueryDbAsync(db =>
            db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "account.notifications_changed")
        );
        audit.Outcome.ShouldBe(AuditOutcome.Success);
        audit.Target.ShouldBe($"user:{member.UserId}");
        audit.Data!.ShouldContain("\"connectionEmails\":\"off\"");
    }

    [Fact]
    public async Task Platform_staff_may_subscribe_to_the_digest()
    {
        var staff = await App.UserAsync(TestUsers.PlatformAdmin);
        (await App.SendAsync(new GetNotificationPreferencesQuery(), staff)).Value.MayReceiveDigest.ShouldBeTrue();

        (await App.SendAsync(new SetNotificationPreferencesCommand(true, true), staff)).IsSuccess.ShouldBeTrue();

        (await App.SendAsync(new GetNotificationPreferencesQuery(), staff)).Value.ShouldBe(
            new NotificationPreferencesDto(true, true, true)
        );
    }
}
