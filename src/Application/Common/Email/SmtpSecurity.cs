namespace Natero.Connectors.Application.Common.Email;

public enum SmtpSecurity
{
    StartTls,
    SslOnConnect,

    /// <summary>Plain text, allowed only to a loopback host (a relay on the same machine, a test server).</summary>
    None,
}
