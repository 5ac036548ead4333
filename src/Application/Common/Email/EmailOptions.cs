namespace Natero.Connectors.Application.Common.Email;

/// <summary>The <c>Email:*</c> keys: who mail comes from, how it leaves, and the base of the links it carries.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Natero <no-reply@natero.example>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>With no SMTP host, each message is written here as an <c>.eml</c> file (relative to the app's content root).</summary>
    public string PickupDirectory { get; set; } = "mail";

    /// <summary>
    /// Absolute base of every link in an email, e.g. <c>https://natero.example.com</c> or, behind a path base,
    /// <c>https://example.com/admin/</c>; never taken from a request. Required in Production; elsewhere it
    /// defaults to the first address the app listens on.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How often the outbox worker looks for messages that are due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after a first failed attempt; it doubles per failure, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A message that could not be sent for this long is given up, with its last error kept.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    public EmailWorkerOptions Worker { get; set; } = new();

    /// <summary>
    /// The link to a path of this app, under <see cref="PublicBaseUrl"/> and its path base:
    /// <c>LinkTo("/account/x")</c> with <c>https://example.com/admin</c> gives <c>https://example.com/admin/account/x</c>.
    /// </summary>
    public string LinkTo(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var baseUrl = PublicBaseUrl ?? throw new InvalidOperationException("Email:PublicBaseUrl is not set.");

        // Joined as text: resolving a relative URI against a base without a trailing slash would drop its last segment.
        return $"{baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{path.TrimStart('/')}";
    }
}
