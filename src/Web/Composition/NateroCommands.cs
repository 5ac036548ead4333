using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Platform.TokenKeys;
using Natero.Connectors.Infrastructure.Audit;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Web.Composition;

/// <summary>
/// Maintenance verbs run from the command line instead of serving requests:
/// <c>dotnet run --project src/Host -- rotate-token-keys</c>, <c>-- archive-audit [--dry-run]</c>,
/// <c>-- verify-audit --export FILE --checkpoints FILE --public-key FILE</c> (no database needed).
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
                    await OwnerDbContext.MigrateAsync(
                        scope.ServiceProvider.GetRequiredService<DatabaseOptions>(),
                        TimeProvider.System,
                        CancellationToken.None
                    );
                    var report = await scope.ServiceProvider.GetRequiredService<TokenKeyRotation>().RotateAsync(CancellationToken.None);
                    Console.WriteLine(
                        $"Re-encrypted the tokens of {report.ConnectionsReEncrypted} connections and "
                            + $"{report.AuthorizationsReEncrypted} pending authorizations, and {report.RevocationsReEncrypted} "
                            + "grants waiting to be revoked, under the active key."
                    );
                    if (report.Unreadable > 0)
                    {
                        Console.WriteLine(
                            $"{report.Unreadable} secrets did not decrypt with any configured key and "
                                + "were left as they are; their connections will ask to be authorized again."
                        );
                    }
                }

                return true;
            case "verify-audit":
                Environment.ExitCode = await VerifyAuditAsync(args, Console.Out, CancellationToken.None);
                return true;
            case "archive-audit":
                await ArchiveAuditAsync(app, dryRun: args.Contains("--dry-run"));
                return true;
            default:
                return false;
        }
    }

    private static async Task ArchiveAuditAsync(WebApplication app, bool dryRun)
    {
        await OwnerDbContext.MigrateAsync(app.Services.GetRequiredService<DatabaseOptions>(), TimeProvider.System, CancellationToken.None);
        AuditArchiveReport report;
        try
        {
            report = await app.Services.GetRequiredService<AuditArchiver>().ArchiveAsync(dryRun, CancellationToken.None);
        }
        catch (AuditArchiveException e)
        {
            Console.Error.WriteLine(e.Message);
            Environment.ExitCode = 1;
            return;
        }

        Console.WriteLine($"Events older than {report.Cutoff:yyyy-MM-dd HH:mm} UTC: {report.Events} in {report.Chains.Count} chains.");
        foreach (var chain in report.Chains)
        {
            Console.WriteLine($"  {chain.ChainKey}: events {chain.FromSeq} to {chain.ThroughSeq} ({chain.Count})");
        }

        Console.WriteLine(
            report switch
            {
                { Events: 0 } => "Nothing to archive.",
                { DryRun: true } => "Dry run: nothing was archived.",
                _ => $"Archived to {report.File} (SHA-256 {report.Sha256}) and removed "
                    + "from the database; each chain now starts from its anchor.",
            }
        );
    }

    /// <summary>
    /// <c>verify-audit</c>: checks an audit export against the signed checkpoints a customer received, with the files
    /// alone. Writes a short summary; returns 0 when all is well, 1 when anything is wrong or the files cannot be read.
    /// </summary>
    public static async Task<int> VerifyAuditAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        string? Option(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var (export, checkpoints, publicKey) = (Option("--export"), Option("--checkpoints"), Option("--public-key"));
        if (export is null || checkpoints is null || publicKey is null)
        {
            await output.WriteLineAsync("Usage: verify-audit --export FILE.csv --checkpoints FILE.json --public-key FILE.pem");
            return 1;
        }

        foreach (var file in new[] { export, checkpoints, publicKey }.Where(f => !File.Exists(f)))
        {
            await output.WriteLineAsync($"No such file: {file}");
            return 1;
        }

        AuditExportReport report;
        try
        {
            report = await AuditExportVerifier.VerifyFilesAsync(export, checkpoints, publicKey, cancellationToken);
        }
        catch (Exception e)
            when (e is ArgumentException or System.Text.Json.JsonException or System.Security.Cryptography.CryptographicException)
        {
            await output.WriteLineAsync(
                $"Cannot verify: {e.GetType().Name} reading the files (is the public key a PEM public key, the checkpoints a JSON array?)."
            );
            return 1;
        }

        await output.WriteLineAsync(report.Summary());
        return report.Intact ? 0 : 1;
    }
}
