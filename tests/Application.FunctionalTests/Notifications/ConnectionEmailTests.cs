using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Connections.Commands.VerifyConnection;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Notifications;

/// <summary>
/// The people who can mend a connection hear of it once when it breaks, with the reason, the steps and the link, and
/// once when it works again; nobody else does, and no email carries a token or secret.
/// </summary>
public sealed class ConnectionEmailTests(ApplicationFixture app) : NotificationTest(app)
{
    private const string NeedsReauthorization = "must be authorized again";

    [Fact]
    public async Task A_refused_refresh_emails_each_configurer_once_with_the_reason_the_steps_and_the_link()
    {
        await AddDemoPeopleAsync();
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        await RefuseRefreshAsync(id);
        var connection = await ConnectionAsync(id);

        await DispatchAsync();
        var sent = await SendQueuedMailAsync();

        sent.Select(m => m.To.Single()).Order().ShouldBe([TestUsers.DemoAdmin, Configurer]);
        var email = sent.Single(m => m.IsFor(Configurer));
        email.Subject.ShouldBe($"Salesforce org Acme Corporation ({connection.ExternalOrgId}) in Demo Company {NeedsReauthorization}");
        var text = email.TextBody.ReplaceLineEndings("\n");
        text.ShouldContain($"Reason: {connection.LastErrorMessage}");
        text.ShouldContain("1. Open the connection in Natero (the link below) and click Reauthorize.");
        text.ShouldContain("2. Sign in to Salesforce and allow Natero's access. The Salesforce user needs the API Enabled permission.");
        text.ShouldContain($"{ConnectionsPage}#conn-{id}");
        text.ShouldContain("You get this email because you may configure data connectors in Demo Company.");
        text.ShouldContain(PreferencesLink);
        email.HtmlBody!.ShouldContain($"<a href=\"{ConnectionsPage}#conn-{id}\">");
        email.HtmlBody!.ShouldContain($"<a href=\"{PreferencesLink}\">");
    }

    [Fact]
    public async Task Dispatching_the_same_events_again_or_from_two_instances_at_once_sends_nothing_more()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        await RefuseRefreshAsync(id);

        await Task.WhenAll(
            NewDispatcher().RunOnceAsync(CancellationToken.None),
            Task.Run(() => NewDispatcher().RunOnceAsync(CancellationToken.None))
        );
        await DispatchAsync();
        await DispatchAsync();

        (await QueuedCountAsync(TestUsers.DemoAdmin, NeedsReauthorization)).ShouldBe(1);
        (await SendQueuedMailAsync()).Count(m => m.Subject.Contains(NeedsReauthorization)).ShouldBe(1);
        (await App.QueryDbAsync(db => db.OutboundEvents.CountAsync(e => e.DispatchedAt == null))).ShouldBe(0);
    }

    [Fact]
    public async Task Authorizing_a_broken_connection_again_sends_one_working_again_email_and_a_working_one_sends_none()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Flow.ConnectAsync(Admin, App.Salesforce.Demo.Admin)).Value.ConnectionId.ShouldBe(id);
        await RefuseRefreshAsync(id);
        await DispatchAsync();

        App.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Flow.ConnectAsync(Admin, App.Salesforce.Demo.Admin)).Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        await DispatchAsync();
        await DispatchAsync();

        var types = await App.QueryDbAsync(db => db.OutboundEvents.OrderBy(e => e.SubjectVersion).Select(e => e.Type).ToListAsync());
        types.ShouldBe([
            EventTypes.ConnectionAuthorized,
            EventTypes.ConnectionReauthorized,
            EventTypes.ConnectionNeedsReauthorization,
            EventTypes.ConnectionReauthorized,
        ]);
        var sent = (await SendQueuedMailAsync()).Where(m => m.IsFor(TestUsers.DemoAdmin)).ToList();
        sent.Count.ShouldBe(2);
        sent.Count(m => m.Subject.Contains(NeedsReauthorization)).ShouldBe(1);
        var recovered = sent.Single(m => m.Subject.EndsWith("in Demo Company works again", StringComparison.Ordinal));
        recovered.TextBody.ShouldContain("works again: Natero reads its data as before.");
        recovered.TextBody.ShouldContain($"{ConnectionsPage}#conn-{id}");
        recovered.TextBody.ShouldContain(PreferencesLink);
    }

    [Fact]
    public async Task Lost_api_access_emails_the_providers_fix_it_steps_and_its_return_emails_working_again()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.Demo.Acme.ApiEnabled = false;
        try
        {
            (await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant)).Value.Status.ShouldBe(
                ConnectionStatus.ApiAccessDisabled
            );
            await DispatchAsync();
            App.Salesforce.Demo.Acme.ApiEnabled = true;
            (await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant)).Value.Status.ShouldBe(
                ConnectionStatus.PendingConfiguration
            );
            await DispatchAsync();
        }
        finally
        {
            App.Salesforce.Demo.Acme.ApiEnabled = true;
        }

        var sent = await SendQueuedMailAsync();
        sent.Count.ShouldBe(2);
        var lost = sent.Single(m => m.Subject.EndsWith("in Demo Company has lost API access", StringComparison.Ordinal));
        var text = lost.TextBody.ReplaceLineEndings("\n");
        text.ShouldContain("Salesforce refuses API access to the Salesforce org Acme Corporation");
        text.ShouldContain("Reason: ");
        text.ShouldContain("API Enabled");
        text.ShouldContain("1. API Enabled by Profile: in Salesforce Setup, open Profiles");
        text.ShouldContain("4. Then open the connection in Natero (the link below) and click Verify now, or Reauthorize.");
        sent.ShouldContain(m => m.Subject.EndsWith("in Demo Company works again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configurers_of_another_tenant_hear_nothing_of_this_tenants_connections()
    {
        await App.CreateTenantAsync("other", "admin@other.test", "Other");
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        await RefuseRefreshAsync(id);

        await DispatchAsync();

        (await QueuedCountAsync("admin@other.test", NeedsReauthorization)).ShouldBe(0);
        (await QueuedCountAsync(TestUsers.DemoAdmin, NeedsReauthorization)).ShouldBe(1);
    }

    [Fact]
    public async Task No_email_about_a_connection_carries_a_token_a_code_or_a_secret()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var (access, refresh) = await StoredTokensAsync(id);
        await RefuseRefreshAsync(id);
        await DispatchAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Flow.ConnectAsync(Admin, App.Salesforce.Demo.Admin)).IsSuccess.ShouldBeTrue();
        var (newAccess, newRefresh) = await StoredTokensAsync(id);
        await DispatchAsync();

        var sent = await SendQueuedMailAsync();

        sent.Count.ShouldBe(2);
        string[] secrets = [access!, refresh!, newAccess!, newRefresh!, DemoData.ClientSecret, DemoData.Password];
        foreach (var email in sent)
        {
            foreach (var secret in secrets)
            {
                email.TextBody.ShouldNotContain(secret);
                email.HtmlBody!.ShouldNotContain(secret);
                email.Subject.ShouldNotContain(secret);
            }

            email.TextBody.ShouldNotContain("code=");
            email.TextBody.ShouldNotContain("access_token");
            email.TextBody.ShouldNotContain("refresh_token");
        }
    }
}
