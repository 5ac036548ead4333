using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Platform.TokenKeys;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Web.Composition;

/// <summary>
/// Maintenance verbs run from the command line instead of serving requests:
/// <c>dotnet run --project src/Web -- rotate-token-keys</c>.
/// </summary>
public static class NateroCommands
{
    public static async Task<bool> RunNateroCommandAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args.FirstOrDefault())
        {
            case "rotate-token-keys":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.MigrateAsync();
                    var report = await scope.ServiceProvider.GetRequiredService<TokenKeyRotation>().RotateAsync(CancellationToken.None);
                    Console.WriteLine($"Re-encrypted the tokens of {report.ConnectionsReEncrypted} connections and {report.AuthorizationsReEncrypted} pending authorizations under the active key.");
                    if (report.Unreadable > 0)
                    {
                        Console.WriteLine($"{report.Unreadable} secrets did not decrypt with any configured key and were left as they are; their connections will ask to be authorized again.");
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
