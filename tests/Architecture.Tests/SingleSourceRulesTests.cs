using System.Text.RegularExpressions;

namespace Natero.Connectors.Architecture.Tests;

/// <summary>Each rule in one place: ids minted by one helper, ports in files named after them, provider names in provider code.</summary>
public sealed partial class SingleSourceRulesTests
{
    private const string IdsFile = "Application/Common/Ids.cs";

    /// <summary>
    /// Files outside a provider's adapter folder that may still name a provider, each with its reason. Everything else
    /// takes the provider's words from its descriptor, so that a new provider is an adapter folder, options and an emulator.
    /// </summary>
    private static readonly Dictionary<string, string> ProviderNameAllowList = new(StringComparer.Ordinal)
    {
        ["Web/Api/AuthorizationLinkRequest.cs"] =
            "the API's myDomainHost and subdomain fields are the names DESIGN section 14 gives; their docs say whose words they are",
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
    public void A_provider_is_named_only_in_its_adapter_folder_and_the_allow_listed_files()
    {
        var providers = ProviderFolders();
        providers.ShouldContain("Salesforce");

        var named = Lines(Layers.Source, "*.cs")
            .Concat(Lines(Layers.Source, "*.cshtml"))
            .Concat(Lines(Layers.Source, "*.js"))
            .Where(line => !line.Path.Split('/').Contains("Migrations") && !ProviderNameAllowList.ContainsKey(line.Path))
            .SelectMany(line =>
                providers
                    .Where(name => line.Text.Contains(name, StringComparison.OrdinalIgnoreCase))
                    .Where(name => !line.Path.StartsWith($"Infrastructure/{name}/", StringComparison.Ordinal))
                    .Select(name => $"{name} in {line.Where}")
            )
            .ToList();

        named.ShouldBeEmpty();
    }

    [Fact]
    public void The_provider_name_allow_list_names_files_that_exist_and_still_need_it()
    {
        var providers = ProviderFolders();
        foreach (var path in ProviderNameAllowList.Keys)
        {
            var file = Path.Combine(Layers.Source.FullName, path);
            File.Exists(file).ShouldBeTrue(path);
            var text = File.ReadAllText(file);
            providers
                .Any(name => text.Contains(name, StringComparison.OrdinalIgnoreCase))
                .ShouldBeTrue($"{path} no longer names a provider: take it off the list");
        }
    }

    /// <summary>The providers: each folder of Infrastructure with a module that registers an adapter.</summary>
    private static List<string> ProviderFolders() =>
        new DirectoryInfo(Path.Combine(Layers.Source.FullName, "Infrastructure"))
            .EnumerateDirectories()
            .Where(folder => folder.EnumerateFiles("*.cs").Any(file => File.ReadAllText(file.FullName).Contains(": IProviderModule")))
            .Select(folder => folder.Name)
            .ToList();

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
