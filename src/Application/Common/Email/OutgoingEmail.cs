namespace Natero.Connectors.Application.Common.Email;

/// <summary>
/// One message to one person. <see cref="Link"/> is the action the message carries (an invitation or a
/// reset link), kept apart so that a developer's console can print it; it is a secret like the body.
/// </summary>
public sealed record OutgoingEmail(string To, string Subject, string TextBody, string? HtmlBody = null, string? Link = null)
{
    /// <summary>Names the recipient and subject only: the body and the link may open an account.</summary>
    public override string ToString() => $"Email to {To}: {Subject}";
}
