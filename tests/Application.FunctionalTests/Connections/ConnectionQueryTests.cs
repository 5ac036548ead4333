using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Queries.GetConnection;
using Natero.Connectors.Application.Connections.Queries.ListConnections;
using Natero.Connectors.Application.Connections.Queries.ListProviders;
using Natero.Connectors.Application.Platform.Connections.Queries.ListPlatformConnections;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>Who may see connections and providers, and that another tenant's connection does not exist for you.</summary>
public sealed class ConnectionQueryTests(ApplicationFixture app) : ConnectionsTest(app)
{
    [Fact]
    public async Task A_connection_of_another_tenant_is_not_found()
    {
        var demoConnection = await ConnectAsync(Salesforce.Admin);
        var otherAdmin = await CreateOtherTenantAsync();

        var result = await App.SendAsync(new GetConnectionQuery(demoConnection), otherAdmin, OtherTenant);

        result.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        result.Error.Message.ShouldNotContain(Salesforce.Acme.Id);
    }

    [Fact]
    public async Task The_admin_reads_a_connection_of_their_own_tenant()
    {
        var id = await ConnectAsync(Salesforce.Admin);

        var result = await App.SendAsync(new GetConnectionQuery(id), Admin, TestUsers.DemoTenant);

        result.Value.Id.ShouldBe(id);
        result.Value.Username.ShouldBe(Salesforce.Admin.Username);
        result.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
    }

    [Fact]
    public async Task Listing_connections_anonymously_is_unauthorized()
    {
        var result = await App.SendAsync(new ListConnectionsQuery(), null, TestUsers.DemoTenant);

        result.Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
    }

    [Fact]
    public async Task Listing_connections_without_the_view_permission_is_forbidden()
    {
        const string Email = "no-permissions@demo.natero.test";
        var member = await App.AddMemberAsync(Email, TestUsers.DemoTenant);

        var result = await App.SendAsync(new ListConnectionsQuery(), member, TestUsers.DemoTenant);

        result.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        result.Error.Message.ShouldContain("View data connectors");
    }

    [Fact]
    public async Task A_member_with_the_view_permission_lists_the_tenants_connections()
    {
        var id = await ConnectAsync(Salesforce.Admin);
        var member = await App.UserAsync(TestUsers.DemoMember);

        var result = await App.SendAsync(new ListConnectionsQuery(), member, TestUsers.DemoTenant);

        result.Value.Items.ShouldHaveSingleItem().Id.ShouldBe(id);
    }

    /// <summary>One list, one order: the API, the Manage OAuth page and the platform list agree, newest connection first.</summary>
    [Fact]
    public async Task Connections_list_newest_first_and_reauthorizing_an_older_one_does_not_move_it()
    {
        var acme = await ConnectAsync(Salesforce.Admin);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var sandbox = await ConnectAsync(Salesforce.SandboxAdmin, "Sandbox");
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        (await ConnectAsync(Salesforce.Admin)).ShouldBe(acme);

        var tenantList = (await App.SendAsync(new ListConnectionsQuery(), Admin, TestUsers.DemoTenant)).Value.Items;
        var platformList = (await App.SendAsync(new ListPlatformConnectionsQuery(), await App.UserAsync(TestUsers.PlatformAdmin))).Value;

        tenantList.Select(c => c.Id).ShouldBe([sandbox, acme]);
        platformList.Select(r => r.Connection.Id).ShouldBe([sandbox, acme]);
    }

    [Fact]
    public async Task Providers_list_salesforce_as_configured()
    {
        var result = await App.SendAsync(new ListProvidersQuery(), Admin, TestUsers.DemoTenant);

        var salesforce = result.Value.Where(p => p.Key == "salesforce").ShouldHaveSingleItem();
        salesforce.DisplayName.ShouldBe("Salesforce");
        salesforce.IsConfigured.ShouldBeTrue();
        salesforce.Environments.Select(e => e.Key).ShouldBe(["Production", "Sandbox", "MyDomain"]);
    }
}
