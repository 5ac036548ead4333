using System.Security.Cryptography;
using System.Text.Json;
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
/// </summary>
internal sealed partial class TokenKeyRing
{
    private readonly Dictionary<string, byte[]> _keys;

    public TokenKeyRing(IConfiguration configuration, IHostEnvironment environment, ILogger<TokenKeyRing> logger)
    {
        var section = configuration.GetSection("TokenEncryption");
        _keys = section.GetSection("Keys").GetChildren()
            .ToDictionary(k => k.Key, k => ParseKey(k.Key, k.Value), StringComparer.Ordinal);
        string? activeId = section["ActiveKeyId"];
        if (_keys.Count == 0)
        {
            var file = section["KeyFile"] is { Length: > 0 } path ? path : Path.Combine(environment.ContentRootPath, "natero-token-keys.json");
            (activeId, var key) = LoadOrCreateFile(file);
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

    private static byte[] ParseKey(string id, string? value)
    {
        try
        {
            var key = Convert.FromBase64String(value ?? string.Empty);
            if (key.Length == 32 && id.All(char.IsAsciiLetterOrDigit))
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidOperationException($"TokenEncryption:Keys:{id} must be 32 random bytes in base64 under a letters-and-digits id (generate one with `openssl rand -base64 32`).");
    }

    private static (string Id, byte[] Key) LoadOrCreateFile(string path)
    {
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<StoredKey>(File.ReadAllText(path))
                ?? throw new InvalidOperationException($"The token key file {path} is empty or damaged.");
            return (stored.Id, ParseKey(stored.Id, stored.Key));
        }

        var created = new StoredKey("local1", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            JsonSerializer.Serialize(stream, created);
        }

        return (created.Id, Convert.FromBase64String(created.Key));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token encryption keys are in the local file {Path}, not in configuration. Configure TokenEncryption:Keys from a secret store before running more than one instance.")]
    private static partial void LogLocalKeys(ILogger logger, string path);

    private sealed record StoredKey(string Id, string Key);
}
