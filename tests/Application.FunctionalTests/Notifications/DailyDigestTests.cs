using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.VerifyConnection;
using Natero.Connectors.Application.FunctionalTests.Email;
using Natero.Connectors.Application.Notifications.Commands.SetNotificationPreferences;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Notifications;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Notifications;

/// <summary>
/// Platform staff who opted in get one email a day listing every tenant's broken connections; nobody else gets it,
/// no email goes out on a day when nothing is broken, and of two instances only one sends the day's digest.
/// </summary>
public sealed class DailyDigestTests(ApplicationFixture app) : NotificationTest(app)
{
    private const string Subject = "Natero daily digest";
    private const string Auditor = "auditor@natero.test";

    [Fact]
    public async Task The_digest_goes_once_a_day_from_its_hour_to_the_staff_who_opted_in_listing_broken_connections_by_tenant()
    {
        await SubscribeAsync(TestUsers.PlatformAdmin);
        await App.CreateUserAsync(Auditor, PlatformRoles.PlatformAuditor);
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        NextDayAt(3);
        await RefuseRefreshAsync(id);
        var broken = await ConnectionAsync(id);

        App.Clock.Advance(TimeSpan.FromHours(3));
        (await Digest.RunOnceAsync(CancellationToken.None)).ShouldBe(0);
        App.Clock.Advance(TimeSpan.FromHours(1));
        (await Digest.RunOnceAsync(CancellationToken.None)).ShouldBe(1);
        (await Digest.RunOnceAsync(CancellationToken.None)).ShouldBe(0);
        App.Clock.Advance(TimeSpan.FromHours(10));
        (await Digest.RunOnceAsync(CancellationToken.None)).ShouldBe(0);

        var sent = await SendQueuedMailAsync();
        var digest = sent.ShouldHaveSingleItem();
        digest.IsFor(TestUsers.PlatformAdmin).ShouldBeTrue();
        digest.Subject.ShouldBe("Natero daily digest: 1 broken connection in 1 tenant");
        var text = digest.TextBody.ReplaceLineEndings("\n");
        text.ShouldContain($"Demo Company ({ConnectionsPage})");
        text.ShouldContain(
            $"  - Salesforce org Acme Corporation ({broken.ExternalOrgId}): needs to be authorized again, for 4 hours "
                + $"(since {broken.LastErrorAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC). {broken.LastErrorMessage}"
        );
        text.ShouldContain($"    {ConnectionsPage}#conn-{id}");
        text.ShouldContain("https://natero.test/platform/connections");
        text.ShouldContain("You get this email because you opted into Natero's daily digest of broken connections.");
        text.ShouldContain(PreferencesLink);
        text.ShouldNotContain((await StoredTokensAsync(id)).AccessToken ?? "no token");

        NextDayAt(7);
        (await Digest.RunOnceAsync(CancellationToken.None)).ShouldBe(1);
        (await QueuedCountAsync(TestUsers.PlatformAdmin, Subject)).ShouldBe(2);
        (await QueuedCountAsync(Auditor, Subject)).ShouldBe(0);
    }

    [Fact]
    public async Task No_digest_is_sent_on_a_day_when_nothing_is_broken()
    {
        await SubscribeAsync(TestUsers.PlatformAdmin);
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        (await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant)).Value.Healthy.ShouldBeTrue();

        NextDayAt(9);
        (await Digest.RunOnceAsync(CancellationToken.None)).ShouldBe(0);

        (await QueuedCountAsync(TestUsers.PlatformAdmin, Subject)).ShouldBe(0);
    }

    [Fact]
    public async Task Two_instances_running_the_digest_at_once_send_the_days_digest_once()
    {
        await SubscribeAsync(TestUsers.PlatformAdmin);
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        await RefuseRefreshAsync(id);
        NextDayAt(8);
        using var other = EmailHost.Build(App, new Dictionary<string, string?>());
        var otherDigest = other.Services.GetRequiredService<DailyDigestWorker>();

        var queued = await Task.WhenAll(
            Task.Run(() => Digest.RunOnceAsync(CancellationToken.None)),
            Task.Run(() => otherDigest.RunOnceAsync(CancellationToken.None))
        );

        queued.Sum().ShouldBe(1);
        (await QueuedCountAsync(TestUsers.PlatformAdmin, Subject)).ShouldBe(1);
        var day = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        (await App.QueryDbAsync(db => db.ScheduledRuns.Select(r => r.Key).ToListAsync())).ShouldBe([$"digest:{day:yyyy-MM-dd}"]);
    }

    [Fact]
    public async Task Only_platform_staff_may_opt_into_the_digest()
    {
        var refused = await App.SendAsync(new SetNotificationPreferencesCommand(true, DailyDigest: true), Admin);

        refused.Error!.Kind.ShouldBe(ErrorKind.Validation);
        refused.Error.Message.ShouldBe("The daily digest of every tenant's broken connections is for Natero staff only.");
        (await App.QueryDbAsync(db => db.NotificationPreferences.CountAsync())).ShouldBe(0);
    }

    private async Task SubscribeAsync(string email)
    {
        var saved = await App.SendAsync(new SetNotificationPreferencesCommand(true, DailyDigest: true), await App.UserAsync(email));
        saved.IsSuccess.ShouldBeTrue(saved.Error?.Message);
    }
}
