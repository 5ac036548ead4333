using System.Net.Sockets;
using System.Security.Cryptography;
using MailKit.Net.Smtp;

namespace Natero.Connectors.Infrastructure.Email;

/// <summary>
/// What went wrong with an attempt, in a few words for the outbox row and the log. Built from the kind of
/// failure and the server's status code only: exception messages can quote addresses, paths or replies, and
/// neither the row nor the log may hold more than an operator needs to act.
/// </summary>
internal static class SendFailure
{
    public static string Describe(Exception exception) =>
        exception switch
        {
            SmtpCommandException smtp => $"The SMTP server refused the message: {(int)smtp.StatusCode} ({smtp.ErrorCode}).",
            MailKit.Security.AuthenticationException => "The SMTP server did not accept Email:Smtp:Username and Email:Smtp:Password.",
            MailKit.Security.SslHandshakeException => "The TLS handshake with the SMTP server failed (certificate or Email:Smtp:Security).",
            SmtpProtocolException => "The SMTP server broke off the conversation.",
            SocketException socket => $"Could not reach the SMTP server ({socket.SocketErrorCode}).",
            TimeoutException => "The SMTP server did not answer within Email:Smtp:Timeout.",
            CryptographicException => "The message could not be decrypted: the Data Protection key that protected it is gone.",
            MimeKit.ParseException => "The sender (Email:From) or the recipient is not a valid email address.",
            UnauthorizedAccessException => "Could not write to Email:PickupDirectory (access denied).",
            IOException { InnerException: Exception inner } when inner is TimeoutException or SocketException => Describe(inner),
            IOException =>
                $"The connection to the SMTP server, or the write to Email:PickupDirectory, failed ({exception.GetType().Name}).",
            _ => $"Sending failed ({exception.GetType().Name}).",
        };

    /// <summary>Failures that no later attempt can cure: the message is given up at once.</summary>
    public static bool IsPermanent(Exception exception) => exception is CryptographicException or MimeKit.ParseException;
}
