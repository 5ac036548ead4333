using System.Net;

namespace Natero.Connectors.ZendeskEmulator.Tests;

public sealed class HostingTests : EmulatorTest
{
    [Fact]
    public void Each_account_has_its_own_loopback_port()
    {
        var acme = Emulator.BaseUrlFor("acme");
        var globex = Emulator.BaseUrlFor("globex.zendesk.com");

        acme.Host.ShouldBe("127.0.0.1");
        acme.Scheme.ShouldBe("http");
        globex.Port.ShouldNotBe(acme.Port);
        ZendeskEmulatorHost.BaseUrlFor(Demo.Acme).ShouldBe(acme);
    }

    [Fact]
    public async Task An_added_account_takes_the_next_port_and_an_unassigned_port_answers_404()
    {
        var initech = Emulator.AddAccount("initech");
        var admin = Emulator.AddUser(initech, "admin@initech.example", DemoData.Password, "Ian Initech", ZendeskRole.Admin);
        var client = Emulator.AddOAuthClient("initech_client", "initech-secret", [Callback], initech);

        var token = await ConnectAsync(admin, client.Identifier, "initech-secret");

        Field(token, "access_token").ShouldNotBeNullOrEmpty();
        Should.Throw<InvalidOperationException>(() => Emulator.AddAccount("one-too-many"));
    }

    [Fact]
    public async Task Extra_callback_urls_can_be_registered_on_the_demo_clients()
    {
        Emulator.AddDemoCallbackUrl("http://127.0.0.1:6000/admin/connectors/oauth/callback/zendesk");

        using var response = await Http.GetAsync(
            AuthorizeUrl(Demo.Acme, Pkce.New(), redirectUri: "http://127.0.0.1:6000/admin/connectors/oauth/callback/zendesk"),
            Cancel
        );

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Demo.LegacyClient.RedirectUrls.Count.ShouldBe(2);
    }
}
