using System.Net;

namespace Natero.Connectors.ZendeskEmulator.Tests;

public sealed class RevocationTests : EmulatorTest
{
    [Fact]
    public async Task Delete_current_revokes_the_access_and_the_refresh_token()
    {
        var token = await ConnectAsync();

        var (status, _) = await SendAsync(HttpMethod.Delete, Demo.Acme, "/api/v2/oauth/tokens/current.json", Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.NoContent);
        Emulator.IsTokenActive(Field(token, "access_token")).ShouldBeFalse();
        Emulator.IsTokenActive(Field(token, "refresh_token")).ShouldBeFalse();
        (await RefreshAsync(Field(token, "refresh_token"))).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Delete_current_works_for_a_legacy_token()
    {
        var token = await ConnectAsync(clientId: DemoData.LegacyClientId, secret: DemoData.LegacyClientSecret);

        var (status, _) = await SendAsync(HttpMethod.Delete, Demo.Acme, "/api/v2/oauth/tokens/current.json", Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.NoContent);
        (await SendAsync(HttpMethod.Get, Demo.Acme, "/api/v2/users/me", Field(token, "access_token"))).Status.ShouldBe(
            HttpStatusCode.Unauthorized
        );
    }

    [Fact]
    public async Task With_the_reported_quirk_on_a_read_only_token_survives_delete_current()
    {
        Emulator.Settings.RevokeCurrentNeedsWriteScope = true;
        var readOnly = await ConnectAsync();
        var readWrite = await ConnectAsync(scope: "read write");

        (
            await SendAsync(HttpMethod.Delete, Demo.Acme, "/api/v2/oauth/tokens/current.json", Field(readOnly, "access_token"))
        ).Status.ShouldBe(HttpStatusCode.NoContent);
        (
            await SendAsync(HttpMethod.Delete, Demo.Acme, "/api/v2/oauth/tokens/current.json", Field(readWrite, "access_token"))
        ).Status.ShouldBe(HttpStatusCode.NoContent);

        Emulator.IsTokenActive(Field(readOnly, "access_token")).ShouldBeTrue();
        Emulator.IsTokenActive(Field(readWrite, "access_token")).ShouldBeFalse();
    }

    [Fact]
    public async Task Show_current_gives_the_token_id_and_delete_by_id_revokes_it()
    {
        var token = await ConnectAsync(scope: "read write");
        var (_, shown) = await SendAsync(HttpMethod.Get, Demo.Acme, "/api/v2/oauth/tokens/current.json", Field(token, "access_token"));
        var id = shown["token"]!["id"]!.GetValue<long>();

        var (status, _) = await SendAsync(HttpMethod.Delete, Demo.Acme, $"/api/v2/oauth/tokens/{id}.json", Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.NoContent);
        Emulator.IsTokenActive(Field(token, "refresh_token")).ShouldBeFalse();
    }

    [Fact]
    public async Task Revoke_all_tokens_ends_every_token()
    {
        var expiring = await ConnectAsync();
        var legacy = await ConnectAsync(clientId: DemoData.LegacyClientId, secret: DemoData.LegacyClientSecret);

        Emulator.RevokeAllTokens();

        Emulator.IsTokenActive(Field(expiring, "refresh_token")).ShouldBeFalse();
        Emulator.IsTokenActive(Field(legacy, "access_token")).ShouldBeFalse();
    }
}
