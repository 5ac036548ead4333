using System.Text.RegularExpressions;

namespace Natero.Connectors.Architecture.Tests;

/// <summary>
/// Which status allows what is written once, in <c>ProviderConnection</c>: handlers, the verifier, the token
/// path and the monitor ask the entity, so a new status is one edit there and nowhere else.
/// </summary>
public sealed partial class StatusRuleTests
{
    private static readonly string[] ScannedLayers = ["Application", "Infrastructure"];

    [Fact]
    public void Application_and_infrastructure_never_name_a_connection_status()
    {
        var offenders = ScannedLayers
            .Select(layer => new DirectoryInfo(Path.Combine(Layers.Source.FullName, layer)))
            .SelectMany(root =>
                Layers
                    .CSharpFiles(root)
                    .Where(file => !file.RelativePath(root).StartsWith("Persistence/Migrations/", StringComparison.Ordinal))
                    .SelectMany(file =>
                        File.ReadLines(file.FullName)
                            .Select((text, index) => (Text: text, Line: index + 1))
                            .Where(line => NamedStatus().IsMatch(line.Text))
                            .Select(line => $"{root.Name}/{file.RelativePath(root)}:{line.Line}: {line.Text.Trim()}")
                    )
            )
            .ToList();

        offenders.ShouldBeEmpty("Ask the connection (RefusalTo, Allows, StatusesAllowing) instead of listing statuses");
    }

    [Fact]
    public void The_scan_recognises_a_listed_status()
    {
        NamedStatus().IsMatch("if (connection.Status is ConnectionStatus.Suspended or ConnectionStatus.Disconnected)").ShouldBeTrue();
        NamedStatus().IsMatch("connection is { Status: Suspended }").ShouldBeTrue();
        NamedStatus().IsMatch("using static Natero.Connectors.Domain.Connections.ConnectionStatus;").ShouldBeTrue();
        NamedStatus().IsMatch("public sealed record Dto(ConnectionStatus Status);").ShouldBeFalse();
    }

    [GeneratedRegex(@"\bConnectionStatus\s*\.\s*[A-Z]|\bStatus\s*:\s*[A-Z]\w*\s*\}|using\s+static\s+[\w.]*\bConnectionStatus\b")]
    private static partial Regex NamedStatus();
}
