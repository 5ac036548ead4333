using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Natero.Connectors.Web.FunctionalTests.DataProtection;

/// <summary>A self-signed RSA certificate in a temporary password-protected .pfx file, as an operator makes with openssl.</summary>
public sealed class TestCertificate : IDisposable
{
    /// <summary>Distinctive, so that a search of messages and logs for it cannot match by chance.</summary>
    public const string Password = "pfx-Pa55-q7Zr-3kLx";

    private readonly DirectoryInfo _directory;

    private TestCertificate(DirectoryInfo directory, string path, X509Certificate2 certificate)
    {
        _directory = directory;
        Path = path;
        Certificate = certificate;
    }

    public string Path { get; }

    /// <summary>The certificate with its private key, loaded back from the file.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>What a host needs to encrypt its key ring with this certificate.</summary>
    public IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = Path, ["DataProtection:CertificatePassword"] = Password };

    public static TestCertificate Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Natero key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        var directory = Directory.CreateTempSubdirectory("natero-key-ring-");
        var path = System.IO.Path.Combine(directory.FullName, "key-ring.pfx");
        File.WriteAllBytes(path, certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, Password));
        return new TestCertificate(directory, path, X509CertificateLoader.LoadPkcs12FromFile(path, Password));
    }

    /// <summary>A .pfx file holding the same certificate without its private key.</summary>
    public string ExportWithoutPrivateKey()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(Certificate.RawData);
        var path = System.IO.Path.Combine(_directory.FullName, "public-only.pfx");
        File.WriteAllBytes(path, publicOnly.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, Password));
        return path;
    }

    /// <summary>A file path beside the certificate, for files the app writes.</summary>
    public string FileBeside(string name) => System.IO.Path.Combine(_directory.FullName, name);

    public void Dispose()
    {
        Certificate.Dispose();
        _directory.Delete(recursive: true);
    }
}
