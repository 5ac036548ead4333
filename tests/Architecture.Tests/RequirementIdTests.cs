using System.Text.RegularExpressions;

namespace Natero.Connectors.Architecture.Tests;

/// <summary>
/// A test named for a requirement (<c>S1_...</c>) cites an id that exists: in the table of <c>tests/README.md</c>,
/// which names every class citing it, and in the document that defines it.
/// </summary>
public sealed partial class RequirementIdTests
{
    private static DirectoryInfo Tests => new(Path.Combine(Layers.RepositoryRoot.FullName, "tests"));

    /// <summary>Where the ids are defined: the shared product documents, beside the repository.</summary>
    private static FileInfo RequirementsDocument => new(Path.Combine(Layers.RepositoryRoot.Parent!.FullName, "shared", "SECURITY.md"));

    /// <summary>Id to the test classes (file names) whose test names start with it.</summary>
    private static Dictionary<string, SortedSet<string>> Cited { get; } = FindCited();

    [Fact]
    public void Tests_cite_requirement_ids()
    {
        Cited.Keys.ShouldContain("S1");
        Cited["S1"].ShouldContain("CallbackSecurityTests");
    }

    [Fact]
    public void Every_cited_id_is_in_the_table_of_tests_README_with_the_classes_that_cite_it()
    {
        var table = ReadmeTable();

        Cited.Keys.Where(id => !table.ContainsKey(id)).ShouldBeEmpty("ids cited by tests but missing from tests/README.md");
        table.Keys.Where(id => !Cited.ContainsKey(id)).ShouldBeEmpty("ids in tests/README.md that no test cites");
        var differing = Cited
            .Where(c => table.TryGetValue(c.Key, out var listed) && !listed.SetEquals(c.Value))
            .Select(c => $"| {c.Key} | ... | {string.Join(", ", c.Value)} |")
            .ToList();
        differing.ShouldBeEmpty("rows of tests/README.md whose classes differ from the tests; write them so");
    }

    [Fact]
    public void Every_cited_id_is_defined_in_the_requirements_document()
    {
        // The shared documents sit beside a working copy, not inside the repository: a clone elsewhere has none.
        Assert.SkipUnless(RequirementsDocument.Exists, $"The requirement ids are defined in {RequirementsDocument.FullName}, absent here.");
        var defined = File.ReadLines(RequirementsDocument.FullName)
            .Select(line => DefinedId().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["id"].Value)
            .ToHashSet(StringComparer.Ordinal);

        Cited.Keys.Concat(ReadmeTable().Keys).Where(id => !defined.Contains(id)).Distinct().ShouldBeEmpty();
    }

    private static Dictionary<string, SortedSet<string>> FindCited()
    {
        var cited = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in Layers.CSharpFiles(Tests))
        {
            foreach (Match match in CitingTest().Matches(File.ReadAllText(file.FullName)))
            {
                var id = match.Groups["id"].Value;
                if (!cited.TryGetValue(id, out var classes))
                {
                    cited[id] = classes = new SortedSet<string>(StringComparer.Ordinal);
                }

                classes.Add(Path.GetFileNameWithoutExtension(file.Name));
            }
        }

        return cited;
    }

    private static Dictionary<string, HashSet<string>> ReadmeTable() =>
        File.ReadLines(Path.Combine(Tests.FullName, "README.md"))
            .Select(line => TableRow().Match(line))
            .Where(match => match.Success)
            .ToDictionary(
                match => match.Groups["id"].Value,
                match =>
                    match
                        .Groups["classes"]
                        .Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        .ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal
            );

    [GeneratedRegex(@"(?:public|internal)\s+(?:async\s+)?(?:Task|ValueTask|void)\s+(?<id>[A-Z]{1,2}\d+)_\w*\s*\(")]
    private static partial Regex CitingTest();

    [GeneratedRegex(@"^\|\s*(?<id>[A-Z]{1,2}\d+)\s*\|[^|]*\|(?<classes>[^|]*)\|\s*$")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^(?<id>[A-Z]{1,2}\d+)\s")]
    private static partial Regex DefinedId();
}
