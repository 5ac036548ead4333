using Microsoft.Extensions.Options;

namespace Natero.Connectors.Web.FunctionalTests.DataProtection;

/// <summary>
/// A certificate that is configured but cannot be used, or a Production key ring that would be stored
/// unencrypted without that being chosen, stops start-up with a message that names the key to fix and
/// never the password.
/// </summary>
public sealed class DataProtectionStartupTests : KeyRingTest
{
    private const string WrongPassword = "wrong-Pa55-x9Vb-2mTq";

    [Fact]
    public void Production_without_a_certificate_refuses_to_start_naming_the_keys()
    {
        var message = StartUpFailure(new Dictionary<string, string?>(), "Production");

        message.ShouldContain("DataProtection:CertificatePath");
        message.ShouldContain("DataProtection:CertificateThumbprint");
        message.ShouldContain("DataProtection:AllowUnprotectedKeys");
    }

    [Fact]
    public async Task Production_with_unprotected_keys_allowed_starts_and_warns()
    {
        await using var host = Host(new Dictionary<string, string?> { ["DataProtection:AllowUnprotectedKeys"] = "true" }, "Production");

        _ = host.Server;

        host.Logs.Lines.ShouldContain(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("stored unencrypted"));
    }

    [Fact]
    public void A_wrong_certificate_password_stops_start_up_without_revealing_either_password()
    {
        var message = StartUpFailure(CertificateWith("DataProtection:CertificatePassword", WrongPassword), out var logs);

        message.ShouldContain("DataProtection:CertificatePassword");
        message.ShouldContain(Certificate.Path);
        foreach (var text in logs.Append(message))
        {
            text.ShouldNotContain(WrongPassword);
            text.ShouldNotContain(TestCertificate.Password);
        }
    }

    [Fact]
    public void A_missing_certificate_file_stops_start_up_naming_the_key_and_the_path()
    {
        var missing = Certificate.FileBeside("missing.pfx");

        var message = StartUpFailure(CertificateWith("DataProtection:CertificatePath", missing), out var logs);

        message.ShouldContain("DataProtection:CertificatePath");
        message.ShouldContain(missing);
        message.ShouldNotContain(TestCertificate.Password);
        logs.ShouldNotContain(line => line.Contains(TestCertificate.Password));
    }

    [Fact]
    public void A_certificate_file_that_is_not_pkcs12_stops_start_up_saying_so()
    {
        var pem = Certificate.FileBeside("key-ring.pem");
        File.WriteAllText(pem, Certificate.Certificate.ExportCertificatePem());

        var message = StartUpFailure(CertificateWith("DataProtection:CertificatePath", pem));

        message.ShouldContain("DataProtection:CertificatePath");
        message.ShouldContain("not a PKCS#12 (.pfx) file");
    }

    [Fact]
    public void A_certificate_without_its_private_key_stops_start_up()
    {
        var publicOnly = Certificate.ExportWithoutPrivateKey();

        var message = StartUpFailure(CertificateWith("DataProtection:CertificatePath", publicOnly));

        message.ShouldContain("DataProtection:CertificatePath");
        message.ShouldContain("without its private key");
    }

    [Fact]
    public void A_thumbprint_that_is_in_no_certificate_store_stops_start_up()
    {
        var thumbprint = Certificate.Certificate.Thumbprint;

        var message = StartUpFailure(new Dictionary<string, string?> { ["DataProtection:CertificateThumbprint"] = thumbprint });

        message.ShouldContain("DataProtection:CertificateThumbprint");
        message.ShouldContain(thumbprint);
        message.ShouldContain("certificate store");
    }

    [Fact]
    public void A_path_and_a_thumbprint_together_stop_start_up()
    {
        var message = StartUpFailure(CertificateWith("DataProtection:CertificateThumbprint", Certificate.Certificate.Thumbprint));

        message.ShouldContain("either DataProtection:CertificatePath or DataProtection:CertificateThumbprint, not both");
    }

    /// <summary>The working certificate's settings with one of them changed or added.</summary>
    private IReadOnlyDictionary<string, string?> CertificateWith(string key, string value) =>
        Merge(Certificate.Settings, new Dictionary<string, string?> { [key] = value });

    private string StartUpFailure(IReadOnlyDictionary<string, string?> settings, string environment = "Testing") =>
        StartUpFailure(settings, out _, environment);

    private string StartUpFailure(
        IReadOnlyDictionary<string, string?> settings,
        out IReadOnlyList<string> logs,
        string environment = "Testing"
    )
    {
        using var host = Host(settings, environment);
        var failure = Should.Throw<OptionsValidationException>(() => host.CreateClient());
        logs = host.Logs.Lines;
        return failure.Message;
    }
}
