using System.Net;

namespace Natero.Connectors.SalesforceEmulator.Tests;

public sealed class HostingTests : EmulatorTest
{
    [Fact]
    public void Every_host_is_its_own_loopback_origin()
    {
        var hosts = Emulator.Hosts;

        hosts
            .Select(h => h.Kind)
            .ShouldBe([
                EmulatorHostKind.ProductionLogin,
                EmulatorHostKind.SandboxLogin,
                EmulatorHostKind.ProductionIdentity,
                EmulatorHostKind.SandboxIdentity,
                EmulatorHostKind.MyDomain,
                EmulatorHostKind.MyDomain,
                EmulatorHostKind.MyDomain,
                EmulatorHostKind.MyDomain,
                EmulatorHostKind.MyDomain,
                EmulatorHostKind.MyDomain,
            ]);
        hosts
            .Select(h => h.BaseUrl.Host)
            .ShouldBe([
                "127.0.0.1",
                "127.0.0.2",
                "127.0.0.3",
                "127.0.0.4",
                "127.0.0.10",
                "127.0.0.11",
                "127.0.0.12",
                "127.0.0.13",
                "127.0.0.14",
                "127.0.0.15",
            ]);
        hosts.ShouldAllBe(h => h.BaseUrl.Scheme == "http" && h.BaseUrl.Port > 0);
        Emulator.BaseUrl.ShouldBe(Emulator.ProductionLoginUrl);
        Emulator.LoginUrlFor(Demo.AcmeSandbox).ShouldBe(Emulator.SandboxLoginUrl);
    }

    [Fact]
    public async Task Added_org_gets_the_next_My_Domain_host_and_its_users_can_connect()
    {
        var org = Emulator.AddOrg("Initrode", "initrode");
        var user = Emulator.AddUser(org, "peter@initrode.example", DemoData.Password, "Peter", "Gibbons");

        var token = await ConnectAsync(user, login: org.MyDomainUrl);

        org.MyDomainUrl.Host.ShouldBe("127.0.0.16");
        Field(token, "instance_url").ShouldBe(org.MyDomainUrl.GetLeftPart(UriPartial.Authority));
        Field(token, "access_token").ShouldStartWith(org.Id[..15] + "!");
    }

    [Fact]
    public void Adding_more_orgs_than_My_Domain_hosts_says_how_to_get_more()
    {
        for (var i = 0; i < 4; i++)
        {
            Emulator.AddOrg($"Org {i}", $"org{i}");
        }

        Should.Throw<InvalidOperationException>(() => Emulator.AddOrg("One too many", "toomany")).Message.ShouldContain("MyDomainHosts");
    }

    [Fact]
    public async Task Added_connected_app_uses_its_own_callback_and_secret()
    {
        var app = Emulator.AddConnectedApp("other-client", "other-secret", ["http://127.0.0.1:9999/cb"]);
        var pkce = Pkce.New();

        var callback = await Browser.AuthorizeAsync(
            AuthorizeUrl(Emulator.BaseUrl, pkce, clientId: app.ClientId, redirectUri: "http://127.0.0.1:9999/cb"),
            Demo.Admin.Username,
            DemoData.Password,
            cancellationToken: Cancel
        );

        callback.GetLeftPart(UriPartial.Path).ShouldBe("http://127.0.0.1:9999/cb");
        Emulator.FindConnectedApp("other-client").ShouldBeSameAs(app);
    }

    [Fact]
    public async Task Two_emulators_run_side_by_side_on_different_ports()
    {
        await using var second = await SalesforceEmulatorHost.StartAsync(cancellationToken: Cancel);

        second.BaseUrl.ShouldNotBe(Emulator.BaseUrl);
        using var response = await Http.GetAsync(new Uri(second.BaseUrl, "/.well-known/openid-configuration"), Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Endpoints_answer_404_on_hosts_that_do_not_serve_them()
    {
        var identityHost = Emulator.Hosts.Single(h => h.Kind == EmulatorHostKind.ProductionIdentity).BaseUrl;

        using var token = await Http.PostAsync(new Uri(identityHost, "/services/oauth2/token"), null, Cancel);
        using var authorize = await Http.GetAsync(AuthorizeUrl(identityHost, Pkce.New()), Cancel);

        token.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        authorize.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
