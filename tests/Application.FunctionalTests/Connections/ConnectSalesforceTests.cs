using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Queries.ListConnections;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

public sealed class ConnectSalesforceTests(ApplicationFixture app) : FunctionalTest(app)
{
    private readonly OAuthFlow _flow = new(app);

    [Fact]
    public async Task Admin_connects_a_production_org_that_is_then_pending_configuration()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var completed = await _flow.ConnectAsync(admin, App.Salesforce.Demo.Admin);

        completed.Value.Connected.ShouldBeTrue();
        completed.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        completed.Value.ReturnUrl.ShouldBe("/t/demo/settings/it-administration/oauth");
        var connections = await App.SendAsync(new ListConnectionsQuery(), admin, TestUsers.DemoTenant);
        var connection = connections.Value.Items.ShouldHaveSingleItem();
        connection.ExternalOrgId.ShouldBe(App.Salesforce.Demo.Acme.Id);
        connection.Username.ShouldBe(App.Salesforce.Demo.Admin.Username);
        connection.AuthorizedByName.ShouldBe(TestUsers.DemoAdmin);
        var stored = await App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().SingleAsync());
        stored.AccessTokenCiphertext.ShouldStartWith("v1.test1.");
        stored.RefreshTokenCiphertext.ShouldNotBeNull();
    }

    [Fact]
    public async Task Member_without_configure_cannot_start_an_authorization()
    {
        var member = await App.UserAsync(TestUsers.DemoMember);

        var result = await App.SendAsync(
            new Application.Connections.Commands.AuthorizeProvider.AuthorizeProviderCommand("salesforce", "Production", null, null),
            member,
            TestUsers.DemoTenant
        );

        result.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        result.Error.Message.ShouldContain("Configure data connectors");
    }
}
