using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Natero.Connectors.Infrastructure.Seeding;

namespace Natero.Connectors.Web.Composition;

/// <summary>
/// Tells the person who started the app where to sign in. Generated passwords go to the console
/// once, never to the logs.
/// </summary>
internal sealed class SignInBanner(IHostApplicationLifetime lifetime, IServer server, SeedReport report, IHostEnvironment environment)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        // Test hosts have no addresses and no one reading the console.
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || environment.EnvironmentName == "Testing")
        {
            return;
        }

        var origin = address
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
        var signIn = $"{origin}/account/sign-in";
        Console.WriteLine();
        Console.WriteLine("Natero Connectors is running.");
        Console.WriteLine($"  Sign in at {signIn}");
        if (report.SeededNow)
        {
            Console.WriteLine("  First run: these accounts were created (generated passwords are shown only now):");
            foreach (var account in report.Accounts)
            {
                Console.WriteLine(
                    $"    {account.Role, -26} {account.Email, -32} {account.GeneratedPassword ?? "(password from configuration)"}"
                );
            }
        }
        else
        {
            Console.WriteLine(
                "  Use the accounts created on the first run (their passwords were printed then), or the Seed:* configuration."
            );
        }

        Console.WriteLine();
    }
}
