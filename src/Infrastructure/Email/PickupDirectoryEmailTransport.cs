using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Email;

namespace Natero.Connectors.Infrastructure.Email;

/// <summary>
/// With no SMTP server configured, each message becomes <c>{id}.eml</c> in <c>Email:PickupDirectory</c>: an
/// embedded or offline install still "sends" invitations, and a relay or a person can pick them up. In
/// Development the message's link is also printed to the console (never to the logs, which may be shipped
/// elsewhere), so a developer can follow an invitation without opening files.
/// </summary>
internal sealed class PickupDirectoryEmailTransport(IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider time)
    : IEmailTransport
{
    public string Directory => Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);

    public async Task SendAsync(Guid messageId, OutgoingEmail email, CancellationToken cancellationToken)
    {
        var message = EmailMessages.Build(messageId, email, options.Value, time.GetUtcNow());
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"{messageId}.eml");

        // Written aside and renamed: whoever watches the folder never reads half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path, overwrite: true);

        if (environment.IsDevelopment())
        {
            Console.WriteLine($"Email to {email.To}: {email.Subject}");
            Console.WriteLine(email.Link is null ? $"  file: {path}" : $"  link: {email.Link}");
        }
    }
}
