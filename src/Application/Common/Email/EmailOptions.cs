namespace Natero.Connectors.Application.Common.Email;

/// <summary>The <c>Email:*</c> keys: who mail comes from, how it leaves, and the base of the links it carries.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Natero <no-reply@natero.example>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>With no SMTP host, each message is written here as an <c>.eml</c> file (relative to the app's content root).</summary>
    public string PickupDirectory { get; set; } = "mail";

    /// <summary>Absolute base of every link in an email, e.g. <c>https://natero.example.com</c>; never taken from a request.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How often the outbox worker looks for messages that are due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A message that could not be sent for this long is given up, with its last error kept.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The link to a path of this app, from <see cref="PublicBaseUrl"/>.</summary>
    public string LinkTo(string path)
    {
        var baseUrl = PublicBaseUrl ?? throw new InvalidOperationException("Email:PublicBaseUrl is not set.");
        return new Uri(baseUrl, path.TrimStart('/')).ToString();
    }
}

public enum SmtpSecurity
{
    StartTls,
    SslOnConnect,
    None,
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Longest wait for the server on one send.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
