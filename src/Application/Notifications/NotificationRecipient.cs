namespace Natero.Connectors.Application.Notifications;

/// <summary>Someone an email about connections (or the digest) goes to: their account, address and name, if they gave one.</summary>
public sealed record NotificationRecipient(Guid UserId, string Email, string? Name);
