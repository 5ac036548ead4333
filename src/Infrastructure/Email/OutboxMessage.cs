namespace Natero.Connectors.Infrastructure.Email;

/// <summary>
/// A message waiting to be sent, written in the transaction of the change that caused it. Its content is
/// encrypted (it may carry a single-use link) and erased once sent; the row stays as a delivery record.
/// </summary>
public sealed class OutboxMessage
{
    public const string EmailKind = "email";

    /// <summary>The Data Protection purpose of <see cref="ProtectedPayload"/>.</summary>
    public const string ProtectionPurpose = "Natero.Connectors.EmailOutbox.v1";

    public Guid Id { get; set; }
    public string Kind { get; set; } = EmailKind;

    /// <summary>Where it goes (an email address), for operators; never the content.</summary>
    public string Recipient { get; set; } = null!;

    public string Subject { get; set; } = null!;

    /// <summary>The message (JSON) protected with Data Protection; null once sent.</summary>
    public string? ProtectedPayload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The instance sending it now, and until when: two instances never send the same message at once.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }
}
