using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Natero.Connectors.Infrastructure.Crypto;

/// <summary>
/// Once a certificate is set, keys that an earlier start stored in clear are revoked. A dump of the database
/// still holds them, and with one a cookie could be minted that the app would accept until the key expires
/// (90 days). Revoking ends the sign-ins made under them, once; a new key, encrypted, takes over.
/// </summary>
internal sealed partial class UnencryptedKeyRevocation(
    KeyRingCertificate certificate,
    IOptions<KeyManagementOptions> options,
    IKeyManager keys,
    ILogger<UnencryptedKeyRevocation> logger
) : IHostedService
{
    /// <summary>Data Protection marks every secret its encryptor must wrap; once wrapped, the mark is gone with it.</summary>
    private static readonly XName RequiresEncryption = XName.Get("requiresEncryption", "http://schemas.asp.net/2015/03/dataProtection");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (certificate.Certificate is null || options.Value.XmlRepository is not { } repository)
        {
            return Task.CompletedTask;
        }

        var revoked = keys.GetAllKeys().Where(key => key.IsRevoked).Select(key => key.KeyId).ToHashSet();
        foreach (var element in repository.GetAllElements())
        {
            var inClear =
                element.Name.LocalName == "key"
                && element.Descendants().Any(secret => (string?)secret.Attribute(RequiresEncryption) == "true");
            if (inClear && Guid.TryParse((string?)element.Attribute("id"), out var id) && revoked.Add(id))
            {
                keys.RevokeKey(id, "Stored unencrypted before DataProtection:Certificate* was set.");
                LogRevoked(logger, id);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Data Protection key {KeyId} was stored unencrypted, before the certificate was set; "
            + "it is revoked, so sign-ins and forms made under it end once and a new, encrypted key takes over."
    )]
    private static partial void LogRevoked(ILogger logger, Guid keyId);
}
