using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Natero.Connectors.Infrastructure.Crypto;

/// <summary>
/// The keys that encrypt tokens at rest, kept outside the database. Production configures them
/// (<c>TokenEncryption:Keys:{id}</c> = base64 of 32 bytes, <c>TokenEncryption:ActiveKeyId</c>),
/// typically from a secret store through environment variables. Without configuration a key is
/// generated into a local file, with a warning at start-up: fine for one machine, not for a fleet.
/// Older keys stay listed so that what they encrypted still decrypts until it is re-encrypted.
/// With a <c>DataProtection</c> certificate the local file holds the key wrapped to it (<see cref="TokenKeyFile"/>).
/// </summary>
internal sealed partial class TokenKeyRing
{
    private readonly Dictionary<string, byte[]> _keys;

    public TokenKeyRing(
        IConfiguration configuration,
        IHostEnvironment environment,
        KeyRingCertificate certificate,
        ILogger<TokenKeyRing> logger
    )
    {
        var section = configuration.GetSection("TokenEncryption");
        _keys = section.GetSection("Keys").GetChildren().ToDictionary(k => k.Key, k => ParseKey(k.Key, k.Value), StringComparer.Ordinal);
        string? activeId = section["ActiveKeyId"];
        if (_keys.Count == 0)
        {
            var file = section["KeyFile"] is { Length: > 0 } path
                ? path
                : Path.Combine(environment.ContentRootPath, "natero-token-keys.json");
            // A certificate that is configured but unusable must not leave a key file in clear behind;
            // start-up stops on it anyway, with the same message.
            if (certificate.Problem is { } problem)
            {
                throw new InvalidOperationException(problem);
            }

            (activeId, var key) = TokenKeyFile.LoadOrCreate(file, certificate.Certificate, logger);
            _keys[activeId] = key;
            LogLocalKeys(logger, file);
        }

        activeId ??= _keys.Keys.Order(StringComparer.Ordinal).Last();
        if (!_keys.TryGetValue(activeId, out var active))
        {
            throw new InvalidOperationException($"TokenEncryption:ActiveKeyId '{activeId}' is not one of TokenEncryption:Keys.");
        }

        Active = (activeId, active);
    }

    public (string Id, byte[] Key) Active { get; }

    public byte[]? Find(string keyId) => _keys.GetValueOrDefault(keyId);

    /// <summary>A key as configured or stored: 32 bytes in base64, under a letters-and-digits id.</summary>
    internal static byte[] ParseKey(string id, string? value)
    {
        try
        {
            var key = Convert.FromBase64String(value ?? string.Empty);
            if (IsValidKey(id, key))
            {
                return key;
            }
        }
        catch (FormatException) { }

        throw new InvalidOperationException(
            $"TokenEncryption:Keys:{id} must be 32 random bytes in base64 under a "
                + "letters-and-digits id (generate one with `openssl rand -base64 32`)."
        );
    }

    internal static bool IsValidKey(string id, byte[] key) => key.Length == 32 && id.All(char.IsAsciiLetterOrDigit);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Token encryption keys are in the local file {Path}, not in configuration. Configure "
            + "TokenEncryption:Keys from a secret store before running more than one instance."
    )]
    private static partial void LogLocalKeys(ILogger logger, string path);
}
