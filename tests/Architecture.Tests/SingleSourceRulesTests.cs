using System.Text.RegularExpressions;

namespace Natero.Connectors.Architecture.Tests;

/// <summary>Each rule in one place: ids minted by one helper, ports in files named after them, provider names in provider code.</summary>
public sealed partial class SingleSourceRulesTests
{
    private const string IdsFile = "Application/Common/Ids.cs";

    /// <summary>
    /// Files outside a Salesforce folder that may still name Salesforce, each with its reason. Everything else
    /// takes the provider's words from its descriptor (<c>ProviderDescriptor.DisplayName</c>).
    /// </summary>
    private static readonly Dictionary<string, string> SalesforceAllowList = new(StringComparer.Ordinal)
    {
        ["Infrastructure/DependencyInjection.cs"] =
            "the composition root registers the Salesforce adapter, its options and its HTTP resilience",
        ["Web/Api/ApiComposition.cs"] =
            "links into Natero's pages take their origin from Salesforce:CallbackUrl, the one public address configured; "
            + "a provider-neutral setting belongs to the API and composition split",
        ["Web/Areas/NateroConnectors/Pages/Tenant/Settings/ItAdministration/OAuth.cshtml"] =
            "the consent hint and the steps that turn API access on are Salesforce's own (profiles, editions); "
            + "they move onto the provider descriptor when a second provider needs different ones",
        ["Web/Areas/NateroConnectors/Pages/Platform/Connections.cshtml"] =
            "the staff filter lists the providers by hand: no request lists providers for platform staff yet",
    };

    [Fact]
    public void Each_public_interface_lives_in_a_file_named_after_it()
    {
        var misplaced = Layers
            .CSharpFiles(Layers.Source)
            .SelectMany(file =>
                PublicInterface()
                    .Matches(File.ReadAllText(file.FullName))
                    .Select(match => match.Groups["name"].Value)
                    .Where(name => name != Path.GetFileNameWithoutExtension(file.Name))
                    .Select(name => $"{name} in {file.RelativePath(Layers.Source)}")
            )
            .ToList();

        misplaced.ShouldBeEmpty();
    }

    [Fact]
    public void Ids_are_minted_only_by_Ids_New()
    {
        var minted = CodeLines(Layers.Source, "*.cs")
            .Where(line => NewGuid().IsMatch(line.Text) && line.Path != IdsFile)
            .Select(line => line.Where)
            .ToList();

        minted.ShouldBeEmpty();
        CodeLines(Layers.Source, "*.cs").ShouldContain(line => line.Path == IdsFile && NewGuid().IsMatch(line.Text));
    }

    [Fact]
    public void Salesforce_is_named_only_in_Salesforce_code_and_the_allow_listed_files()
    {
        var named = Lines(Layers.Source, "*.cs")
            .Concat(Lines(Layers.Source, "*.cshtml"))
            .Where(line => line.Text.Contains("Salesforce", StringComparison.Ordinal))
            .Where(line => !line.Path.Split('/').Contains("Salesforce") && !SalesforceAllowList.ContainsKey(line.Path))
            .Select(line => line.Where)
            .ToList();

        named.ShouldBeEmpty();
    }

    [Fact]
    public void The_Salesforce_allow_list_names_files_that_exist_and_still_need_it()
    {
        foreach (var path in SalesforceAllowList.Keys)
        {
            var file = Path.Combine(Layers.Source.FullName, path);
            File.Exists(file).ShouldBeTrue(path);
            File.ReadAllText(file).ShouldContain("Salesforce", customMessage: $"{path} no longer names Salesforce: take it off the list");
        }
    }

    private static IEnumerable<(string Path, string Text, string Where)> Lines(DirectoryInfo root, string pattern) =>
        root.EnumerateFiles(pattern, SearchOption.AllDirectories)
            .Select(file => (File: file, Path: file.RelativePath(root)))
            .Where(f => !f.Path.Split('/').Intersect(["bin", "obj"]).Any())
            .SelectMany(f => File.ReadLines(f.File.FullName).Select((text, index) => (f.Path, text, $"{f.Path}:{index + 1}")));

    private static IEnumerable<(string Path, string Text, string Where)> CodeLines(DirectoryInfo root, string pattern) =>
        Lines(root, pattern).Where(line => !line.Text.TrimStart().StartsWith("//", StringComparison.Ordinal));

    [GeneratedRegex(@"^\s*public\s+(?:partial\s+)?interface\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex PublicInterface();

    [GeneratedRegex(@"\bGuid\s*\.\s*(NewGuid|CreateVersion7)\s*\(")]
    private static partial Regex NewGuid();
}
