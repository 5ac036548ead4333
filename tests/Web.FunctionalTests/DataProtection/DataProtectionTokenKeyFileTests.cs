using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Providers;

namespace Natero.Connectors.Web.FunctionalTests.DataProtection;

/// <summary>
/// Without <c>TokenEncryption:Keys</c> the token key is generated into a local file; with a DataProtection
/// certificate that file holds the key wrapped to the certificate, so the file alone does not reveal it.
/// </summary>
public sealed class DataProtectionTokenKeyFileTests : KeyRingTest
{
    private const string Token = "00Dxx0000001gPL!refresh-token-value";
    private static readonly SecretBinding Binding = SecretBinding.RefreshToken(Guid.NewGuid(), Guid.NewGuid());

    private string KeyFile => Certificate.FileBeside("natero-token-keys.json");

    /// <summary>The database's fixed token key removed, so that the app generates its key file.</summary>
    private IReadOnlyDictionary<string, string?> GeneratedKey =>
        new Dictionary<string, string?>
        {
            ["TokenEncryption:Keys:test1"] = null,
            ["TokenEncryption:ActiveKeyId"] = null,
            ["TokenEncryption:KeyFile"] = KeyFile,
        };

    [Fact]
    public async Task With_a_certificate_the_generated_key_file_hides_the_key_and_a_restart_decrypts_earlier_tokens()
    {
        var settings = Merge(GeneratedKey, Certificate.Settings);
        string ciphertext;
        await using (var first = Host(settings))
        {
            ciphertext = Protector(first).Protect(Token, Binding);
        }

        var key = UnwrapWithCertificate();
        var file = await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken);
        file.ShouldNotContain(Convert.ToBase64String(key));
        file.ShouldNotContain(Convert.ToBase64String(key).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        file.ShouldNotContain(Convert.ToHexString(key), Case.Insensitive);

        await using (var restarted = Host(settings))
        {
            Protector(restarted).Unprotect(ciphertext, Binding).ShouldBe(Token);
        }

        // The unwrapped bytes are the key itself: given as configuration, without file or certificate,
        // they decrypt the token, so the file's not holding them in clear means something.
        await using var configured = Host(
            Merge(
                GeneratedKey,
                new Dictionary<string, string?>
                {
                    ["TokenEncryption:KeyFile"] = null,
                    ["TokenEncryption:Keys:local1"] = Convert.ToBase64String(key),
                }
            )
        );
        Protector(configured).Unprotect(ciphertext, Binding).ShouldBe(Token);
    }

    [Fact]
    public async Task A_plain_key_file_from_before_the_certificate_is_wrapped_and_its_tokens_still_decrypt()
    {
        string ciphertext;
        await using (var before = Host(GeneratedKey))
        {
            ciphertext = Protector(before).Protect(Token, Binding);
        }

        using var plain = JsonDocument.Parse(await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken));
        var plainKey = plain.RootElement.GetProperty("Key").GetString()!;

        await using (var after = Host(Merge(GeneratedKey, Certificate.Settings)))
        {
            Protector(after).Unprotect(ciphertext, Binding).ShouldBe(Token);
            after.Logs.Lines.ShouldContain(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("now wrapped"));
        }

        (await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken)).ShouldNotContain(plainKey);
        Convert.ToBase64String(UnwrapWithCertificate()).ShouldBe(plainKey);
    }

    [Fact]
    public async Task A_wrapped_key_file_without_its_certificate_stops_start_up_naming_the_keys()
    {
        await using (var wrapped = Host(Merge(GeneratedKey, Certificate.Settings)))
        {
            _ = wrapped.Server;
        }

        using var withoutCertificate = Host(GeneratedKey);
        var failure = Should.Throw<InvalidOperationException>(() => withoutCertificate.CreateClient());

        failure.Message.ShouldContain(KeyFile);
        failure.Message.ShouldContain("DataProtection:CertificatePath");
        failure.Message.ShouldContain(Certificate.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }

    private static ISecretProtector Protector(KeyRingHost host) => host.Services.GetRequiredService<ISecretProtector>();

    /// <summary>What only the holder of the certificate's private key can do with the file.</summary>
    private byte[] UnwrapWithCertificate()
    {
        using var stored = JsonDocument.Parse(File.ReadAllText(KeyFile));
        stored.RootElement.TryGetProperty("Key", out _).ShouldBeFalse();
        stored.RootElement.GetProperty("Wrapping").GetString().ShouldBe("RSA-OAEP-SHA256");
        using var rsa = Certificate.Certificate.GetRSAPrivateKey()!;
        var wrapped = Convert.FromBase64String(stored.RootElement.GetProperty("WrappedKey").GetString()!);
        return rsa.Decrypt(wrapped, RSAEncryptionPadding.OaepSHA256);
    }
}
