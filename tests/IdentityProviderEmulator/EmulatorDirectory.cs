using System.Collections.Concurrent;

namespace Natero.Connectors.IdentityProviderEmulator;

/// <summary>The emulator's people, by email (case-insensitive, as people type it) and by subject.</summary>
public sealed class EmulatorDirectory
{
    private readonly ConcurrentDictionary<string, EmulatorUser> _byEmail = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<EmulatorUser> Users => [.. _byEmail.Values.OrderBy(u => u.Email, StringComparer.Ordinal)];

    public EmulatorUser Add(EmulatorUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!_byEmail.TryAdd(user.Email, user))
        {
            throw new InvalidOperationException($"A user with email '{user.Email}' exists already.");
        }

        return user;
    }

    public EmulatorUser? FindByEmail(string email) => _byEmail.GetValueOrDefault(email.Trim());

    public EmulatorUser? FindBySubject(string? subject) =>
        subject is null ? null : _byEmail.Values.FirstOrDefault(u => string.Equals(u.Subject, subject, StringComparison.Ordinal));

    /// <summary>The user whose email and password these are, or null; the password is compared in constant time.</summary>
    public EmulatorUser? Authenticate(string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email) || password is null || FindByEmail(email) is not { } user)
        {
            return null;
        }

        var expected = System.Text.Encoding.UTF8.GetBytes(user.Password);
        var given = System.Text.Encoding.UTF8.GetBytes(password);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, given) ? user : null;
    }
}
