using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.DataProtection;

/// <summary>
/// S21: with <c>DataProtection:Certificate*</c> set, the key ring rows in the database are encrypted, so a dump
/// of the database alone gives no key to read or mint a sign-in cookie or antiforgery token with.
/// </summary>
public sealed class DataProtectionKeyRingTests : KeyRingTest
{
    private const string Purpose = "Natero.Tests.KeyRing";

    [Fact]
    public async Task S21_key_ring_rows_are_encrypted_when_a_certificate_is_set()
    {
        await using var host = Host(Certificate.Settings, "Production");
        using var browser = host.NewBrowser(new CookieContainer());

        (await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var rows = await KeyRowsAsync();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(xml => xml.Contains("<encryptedSecret") && xml.Contains("EncryptedXmlDecryptor") && !xml.Contains("<masterKey"));
        host.Logs.Lines.ShouldNotContain(line => line.Contains(TestCertificate.Password));
    }

    [Fact]
    public async Task Without_a_certificate_the_rows_hold_the_master_key_in_clear_and_start_up_warns_naming_the_keys()
    {
        await using var host = Host();

        Protector(host).Protect("anything").ShouldNotBeEmpty();

        (await KeyRowsAsync()).ShouldAllBe(xml => xml.Contains("<masterKey") && !xml.Contains("<encryptedSecret"));
        host.Logs.Lines.ShouldContain(line =>
            line.StartsWith("Warning", StringComparison.Ordinal)
            && line.Contains("stored unencrypted")
            && line.Contains("DataProtection:CertificatePath")
            && line.Contains("DataProtection:CertificateThumbprint")
        );
    }

    [Fact]
    public async Task An_instance_given_the_database_but_not_the_certificate_cannot_unprotect_what_one_with_it_protected()
    {
        string payload;
        await using (var withCertificate = Host(Certificate.Settings))
        {
            payload = Protector(withCertificate).Protect("a sign-in ticket");
        }

        await using (var withoutCertificate = Host())
        {
            Should.Throw<CryptographicException>(() => Protector(withoutCertificate).Unprotect(payload));
        }

        await using var again = Host(Certificate.Settings);
        Protector(again).Unprotect(payload).ShouldBe("a sign-in ticket");
    }

    [Fact]
    public async Task A_sign_in_cookie_from_an_instance_with_the_certificate_signs_nobody_in_on_one_without_it()
    {
        var cookies = new CookieContainer();
        await using var withCertificate = Host(Certificate.Settings);
        using var signedIn = withCertificate.NewBrowser(cookies);
        (await signedIn.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await signedIn.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var withoutCertificate = Host();
        using var sameCookies = withoutCertificate.NewBrowser(cookies);
        using var refused = await sameCookies.GetPageAsync("/t/demo");

        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/account/sign-in");
    }

    [Fact]
    public async Task Keys_stored_in_clear_before_the_certificate_was_set_are_revoked_once_it_is()
    {
        string payload;
        await using (var before = Host())
        {
            payload = Protector(before).Protect("a sign-in ticket");
        }

        await using var after = Host(Certificate.Settings);

        Should.Throw<CryptographicException>(() => Protector(after).Unprotect(payload)).Message.ShouldContain("revoked");
        Protector(after).Unprotect(Protector(after).Protect("a new ticket")).ShouldBe("a new ticket");
        (await KeyRowsAsync()).ShouldContain(xml => xml.Contains("<encryptedSecret"));
        after.Logs.Lines.ShouldContain(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("is revoked"));
    }

    private static IDataProtector Protector(KeyRingHost host) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    /// <summary>The key ring as a dump of the database shows it.</summary>
    private async Task<List<string>> KeyRowsAsync()
    {
        await using var connection = Database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Xml\" FROM \"DataProtectionKeys\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
