namespace Natero.Connectors.Infrastructure.Seeding;

/// <summary>An account created by the first run; the password only when it was generated.</summary>
public sealed record SeededAccount(string Role, string Email, string? GeneratedPassword);
