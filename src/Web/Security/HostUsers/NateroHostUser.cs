namespace Natero.Connectors.Web.Security.HostUsers;

/// <summary>
/// A person as the host knows them: its stable identifier for them (never reused), their email and a display name.
/// The plugin keeps one account per subject, so an email change at the host does not make a new person.
/// </summary>
public sealed record NateroHostUser(string Subject, string Email, string? DisplayName);
