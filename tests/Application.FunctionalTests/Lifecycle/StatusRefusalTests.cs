using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.DisconnectConnection;
using Natero.Connectors.Application.Platform.Connections.Commands.CompleteConfiguration;
using Natero.Connectors.Application.Platform.Connections.Commands.ResumeConnection;
using Natero.Connectors.Application.Platform.Connections.Commands.SuspendConnection;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>
/// Every handler that refuses a connection in the wrong status says exactly what the connection says when
/// asked: the rule and its words live in the entity, the handlers only pass them on.
/// </summary>
public sealed class StatusRefusalTests(ApplicationFixture app) : LifecycleTest(app)
{
    public const string SuspendedAfterDisconnect = "SuspendedAfterDisconnect";

    public static TheoryData<string> Cases => [.. Enum.GetNames<ConnectionStatus>(), SuspendedAfterDisconnect];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_handler_refuses_with_the_words_of_the_connection(string state)
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var connection = await BringIntoAsync(id, state);
        var platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        var refusals = Enum.GetValues<ConnectionAction>().ToDictionary(a => a, connection.RefusalTo);
        refusals.Values.ShouldContain(r => r != null, "every state refuses something");

        var answers = new List<(ConnectionAction Action, Error? Error)>();
        if (refusals[ConnectionAction.Suspend] is not null)
        {
            answers.Add((ConnectionAction.Suspend, (await App.SendAsync(new SuspendConnectionCommand(id, null), platformAdmin)).Error));
        }

        if (refusals[ConnectionAction.Resume] is not null)
        {
            answers.Add((ConnectionAction.Resume, (await App.SendAsync(new ResumeConnectionCommand(id), platformAdmin)).Error));
        }

        if (refusals[ConnectionAction.CompleteConfiguration] is not null)
        {
            var complete = await App.SendAsync(new CompleteConfigurationCommand(id, null), platformAdmin);
            answers.Add((ConnectionAction.CompleteConfiguration, complete.Error));
        }

        if (refusals[ConnectionAction.Disconnect] is not null)
        {
            var disconnect = await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant);
            answers.Add((ConnectionAction.Disconnect, disconnect.Error));
        }

        if (refusals[ConnectionAction.Use] is not null)
        {
            answers.Add((ConnectionAction.Use, (await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)).Error));
        }

        answers.ShouldNotBeEmpty();
        foreach (var (action, error) in answers)
        {
            var expected = Error.Refused(refusals[action]!);
            error.ShouldNotBeNull($"{action} from {state}");
            (error.Kind, error.Code, error.Message).ShouldBe((expected.Kind, expected.Code, expected.Message), $"{action} from {state}");
        }

        (await ConnectionAsync(id)).Version.ShouldBe(connection.Version, "a refusal changes nothing");
        App.Salesforce.RequestLog.ShouldBeEmpty();
    }

    /// <summary>Moves the connection through the entity's own methods, as the app would, and returns it as stored.</summary>
    private async Task<ProviderConnection> BringIntoAsync(Guid id, string state)
    {
        await using (var scope = await App.EnterAsync(null, TestUsers.DemoTenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var connection = await db.ProviderConnections.SingleAsync(c => c.Id == id);
            var now = App.Clock.GetUtcNow();
            var error = new ConnectionError("test", "Set up by the test.");
            if (state != nameof(ConnectionStatus.PendingConfiguration))
            {
                connection.CompleteConfiguration(Admin.UserId, null, now);
            }

            switch (state)
            {
                case nameof(ConnectionStatus.ApiAccessDisabled):
                    connection.MarkApiAccessDisabled(error, now);
                    break;
                case nameof(ConnectionStatus.NeedsReauthorization):
                    connection.MarkNeedsReauthorization(error, now);
                    break;
                case nameof(ConnectionStatus.Suspended):
                    connection.Suspend(now);
                    break;
                case nameof(ConnectionStatus.Disconnected):
                    connection.Disconnect(now);
                    break;
                case SuspendedAfterDisconnect:
                    connection.Suspend(now);
                    connection.Disconnect(now);
                    break;
            }

            await db.SaveChangesAsync();
        }

        return await ConnectionAsync(id);
    }
}
