using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Email;

namespace Natero.Connectors.Infrastructure.Email;

/// <summary>
/// Outside Production, an unset <c>Email:PublicBaseUrl</c> becomes the first address the app listens on
/// (<c>urls</c>: <c>--urls</c> or ASPNETCORE_URLS), with a wildcard host read as localhost, else
/// <c>http://localhost:5080</c> (the launch profile's). Production must say it: behind a proxy the
/// listening address is not the one people reach, and a guess would send them broken links.
/// </summary>
internal sealed class EmailPublicBaseUrlDefault(IConfiguration configuration, IHostEnvironment environment)
    : IPostConfigureOptions<EmailOptions>
{
    public static readonly Uri Fallback = new("http://localhost:5080/");

    public void PostConfigure(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PublicBaseUrl is not null || environment.IsProduction())
        {
            return;
        }

        var first = configuration["urls"]
            ?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        var local = first
            ?.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal);
        options.PublicBaseUrl = Uri.TryCreate(local, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : Fallback;
    }
}
