namespace Natero.Connectors.Application.Common.Email;

/// <summary>The <c>Email:Smtp:*</c> keys. With no <see cref="Host"/>, mail goes to the pickup directory instead.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Longest wait for the server on one send, from connecting to the server's answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
