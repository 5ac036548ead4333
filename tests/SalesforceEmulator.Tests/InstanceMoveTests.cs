using System.Net;
using System.Text.Json.Nodes;

namespace Natero.Connectors.SalesforceEmulator.Tests;

public sealed class InstanceMoveTests : EmulatorTest
{
    [Fact]
    public async Task After_a_migration_the_old_instance_answers_401_and_a_refresh_names_the_new_instance_and_id_host()
    {
        var token = await ConnectAsync();
        var oldInstance = Field(token, "instance_url");

        Emulator.MigrateOrg(Demo.Acme, "NA300");
        using var stale = await GetAsync(Rest(token), Field(token, "access_token"));
        var (status, refreshed) = await RefreshAsync(Field(token, "refresh_token"));

        stale.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await stale.Content.ReadAsStringAsync(Cancel)).ShouldContain("INVALID_SESSION_ID");
        status.ShouldBe(HttpStatusCode.OK);
        var newInstance = Field(refreshed, "instance_url");
        newInstance.ShouldNotBe(oldInstance);
        newInstance.ShouldBe(Demo.Acme.MyDomainUrl.GetLeftPart(UriPartial.Authority));
        Field(refreshed, "id").ShouldBe($"{newInstance}/id/{Demo.Acme.Id}/{Demo.Admin.Id}");
        Field(refreshed, "id").ShouldNotBe(Field(token, "id"));
        (await GetAsync(Rest(refreshed), Field(refreshed, "access_token"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetJsonAsync(Field(refreshed, "id"), Field(refreshed, "access_token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sessions_survive_a_migration_on_the_new_instance_and_new_grants_name_it()
    {
        var token = await ConnectAsync();

        Emulator.MigrateOrg(Demo.Acme, "NA300");
        var newInstance = Demo.Acme.MyDomainUrl.GetLeftPart(UriPartial.Authority);
        using var moved = await GetAsync(newInstance + "/services/data/v62.0/", Field(token, "access_token"));
        var later = await ConnectInNewBrowserAsync(Demo.NoApiUser);

        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        Field(later, "instance_url").ShouldBe(newInstance);
        Field(later, "id").ShouldStartWith(newInstance + "/id/");
        Demo.Acme.InstanceName.ShouldBe("NA300");
    }

    [Fact]
    public async Task Old_instance_can_redirect_to_the_new_one_instead()
    {
        var token = await ConnectAsync();

        Emulator.MigrateOrg(Demo.Acme, "NA300", MovedHostAnswer.Redirect);
        using var response = await GetAsync(
            Rest(token, "/services/data/v62.0/query?q=SELECT+Name+FROM+Account"),
            Field(token, "access_token")
        );

        response.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        response
            .Headers.Location!.ToString()
            .ShouldBe(Demo.Acme.MyDomainUrl.GetLeftPart(UriPartial.Authority) + "/services/data/v62.0/query?q=SELECT+Name+FROM+Account");
    }

    [Fact]
    public async Task My_Domain_change_moves_the_host_the_previous_one_redirects_and_the_new_name_logs_in()
    {
        var token = await ConnectAsync();
        var oldHost = Demo.Acme.MyDomainUrl;

        Emulator.ChangeMyDomain(Demo.Acme, "acme-corp");
        using var stale = await GetAsync(Rest(token), Field(token, "access_token"));
        var (_, refreshed) = await RefreshAsync(Field(token, "refresh_token"));
        var viaNewDomain = await ConnectInNewBrowserAtAsync(Demo.NoApiUser, Demo.Acme.MyDomainUrl);

        Demo.Acme.MyDomain.ShouldBe("acme-corp");
        Demo.Acme.MyDomainUrl.ShouldNotBe(oldHost);
        stale.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        stale.Headers.Location!.ToString().ShouldBe(Rest(refreshed));
        Field(refreshed, "instance_url").ShouldBe(Demo.Acme.MyDomainUrl.GetLeftPart(UriPartial.Authority));
        Field(viaNewDomain, "instance_url").ShouldBe(Demo.Acme.MyDomainUrl.GetLeftPart(UriPartial.Authority));
        Emulator.Hosts.ShouldNotContain(h => h.BaseUrl == oldHost);
        Should.Throw<InvalidOperationException>(() => Emulator.ChangeMyDomain(Demo.Globex, "acme-corp"));
    }

    [Fact]
    public async Task Previous_My_Domain_can_stop_answering_the_org_instead()
    {
        var token = await ConnectAsync();
        var oldHost = Demo.Acme.MyDomainUrl;

        Emulator.ChangeMyDomain(Demo.Acme, "acme-corp", MovedHostAnswer.InvalidSession);
        using var authorize = await Http.GetAsync(AuthorizeUrl(oldHost, Pkce.New()), Cancel);
        using var rest = await GetAsync(Rest(token), Field(token, "access_token"));

        authorize.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        rest.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<JsonObject> ConnectInNewBrowserAtAsync(EmulatorUser user, Uri login)
    {
        using var browser = new EmulatorBrowser();
        var pkce = Pkce.New();
        var callback = await browser.AuthorizeAsync(AuthorizeUrl(login, pkce), user.Username, DemoData.Password, cancellationToken: Cancel);
        var (status, body) = await ExchangeAsync(QueryOf(callback)["code"], pkce, login);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }
}
