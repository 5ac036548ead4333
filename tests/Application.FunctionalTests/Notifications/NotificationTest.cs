using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.FunctionalTests.Lifecycle;
using Natero.Connectors.Application.Notifications.Commands.SetNotificationPreferences;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Email;
using Natero.Connectors.Infrastructure.Events;
using Natero.Connectors.Infrastructure.Notifications;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Notifications;

/// <summary>
/// A connected demo org whose changes become outbox events; the event dispatcher, the digest and the email outbox
/// worker run when a test runs a round, and the mail arrives at the fixture's SMTP server.
/// </summary>
public abstract class NotificationTest(ApplicationFixture app) : LifecycleTest(app)
{
    protected const string Configurer = "configurer@demo.natero.test";
    protected const string Quiet = "quiet@demo.natero.test";
    protected const string Viewer = "viewer@demo.natero.test";
    protected const string ConnectionsPage = "https://natero.test/t/demo/settings/it-administration/oauth";
    protected const string PreferencesLink = "https://natero.test/account/notifications";

    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>One dispatcher as an instance of the app would run it (the host registers none in these tests).</summary>
    protected EventDispatcher NewDispatcher(IServiceProvider? services = null) =>
        ActivatorUtilities.CreateInstance<EventDispatcher>(services ?? App.Services);

    protected DailyDigestWorker Digest => App.Services.GetRequiredService<DailyDigestWorker>();

    /// <summary>Turns every committed event into its work, as one dispatcher round does.</summary>
    protected Task<int> DispatchAsync() => NewDispatcher().RunOnceAsync(CancellationToken.None);

    /// <summary>Sends everything queued to the fixture's SMTP server; returns what the server holds.</summary>
    protected async Task<IReadOnlyList<ReceivedEmail>> SendQueuedMailAsync()
    {
        var worker = App.Services.GetRequiredService<EmailOutboxWorker>();
        while (await worker.RunOnceAsync(CancellationToken.None) > 0) { }

        return App.Mail.Messages;
    }

    /// <summary>Rows of the outbox for <paramref name="to"/> whose subject holds <paramref name="subject"/>.</summary>
    protected Task<int> QueuedCountAsync(string to, string subject) =>
        App.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.Recipient == to && m.Subject.Contains(subject)));

    /// <summary>
    /// Besides the demo admin (every permission) and member (view only): a second configurer, one who switched
    /// connection emails off on their notifications page, and one who may only view.
    /// </summary>
    protected async Task AddDemoPeopleAsync()
    {
        await App.AddMemberAsync(Configurer, TestUsers.DemoTenant, Permissions.DataConnectors.View, Permissions.DataConnectors.Configure);
        var quiet = await App.AddMemberAsync(Quiet, TestUsers.DemoTenant, Permissions.DataConnectors.Configure);
        (
            await App.SendAsync(new SetNotificationPreferencesCommand(ConnectionEmails: false, DailyDigest: false), quiet)
        ).IsSuccess.ShouldBeTrue();
        await App.AddMemberAsync(Viewer, TestUsers.DemoTenant, Permissions.DataConnectors.View);
    }

    /// <summary>The demo org's refresh token is refused on the next use: the connection needs authorizing again.</summary>
    protected async Task RefuseRefreshAsync(Guid connectionId)
    {
        App.Salesforce.RevokeAllTokens();
        await AgeAccessTokenAsync(connectionId);
        (await Tokens.GetAsync(DemoTenantId, connectionId, CancellationToken.None)).Error!.Code.ShouldBe("needs_reauthorization");
    }

    /// <summary>Moves the app's clock to <paramref name="hour"/>:30 UTC of the next day.</summary>
    protected void NextDayAt(int hour)
    {
        var now = App.Clock.GetUtcNow();
        var target = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(hour).AddMinutes(30), TimeSpan.Zero);
        App.Clock.Advance(target - now);
    }
}
