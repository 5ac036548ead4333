using System.Text.RegularExpressions;

namespace Natero.Connectors.Architecture.Tests;

/// <summary>
/// How source files are laid out: one public type per file, so a type is found by its name, and lines within the
/// <c>max_line_length</c> of <c>.editorconfig</c>, which the build enforces (<c>Directory.Build.targets</c>).
/// </summary>
public sealed partial class FileLayoutTests
{
    [Fact]
    public void Each_file_holds_one_public_type_or_a_request_with_its_handler_and_validator()
    {
        var offenders = Layers
            .CSharpFiles(Layers.Source)
            .Where(file => !file.RelativePath(Layers.Source).Contains("/Migrations/", StringComparison.Ordinal))
            .Select(file => (Path: file.RelativePath(Layers.Source), Groups: PublicTypeGroups(File.ReadLines(file.FullName))))
            .Where(file => file.Groups.Count > 1)
            .Select(file => $"{file.Path}: {string.Join(", ", file.Groups)}")
            .ToList();

        offenders.ShouldBeEmpty("Move each of these types into a file named after it.");
    }

    [Fact]
    public void Lines_stay_within_the_editorconfig_limit_in_code_and_tests()
    {
        var limit = MaxLineLength();
        var root = Layers.RepositoryRoot;
        var offenders = new[] { Layers.Source, new DirectoryInfo(Path.Combine(root.FullName, "tests")) }
            .SelectMany(Layers.CSharpFiles)
            .Where(file => !file.RelativePath(root).Contains("/Migrations/", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file.FullName).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => l.line.Length > limit)
            .Select(l => $"{l.file.RelativePath(root)}:{l.number} ({l.line.Length})")
            .ToList();

        limit.ShouldBe(140);
        offenders.ShouldBeEmpty("Wrap these lines (dotnet csharpier format . does most of it).");
    }

    [Fact]
    public void The_build_enforces_the_line_length_in_every_project()
    {
        var root = Layers.RepositoryRoot.FullName;
        File.ReadAllText(Path.Combine(root, "Directory.Build.targets")).ShouldContain("NAT0001");
        File.ReadAllText(Path.Combine(root, "tests", "Directory.Build.targets"))
            .ShouldContain("GetPathOfFileAbove('Directory.Build.targets'", Case.Sensitive, "the tests' targets import the root's");
    }

    private static int MaxLineLength()
    {
        var inCSharp = false;
        foreach (var line in File.ReadLines(Path.Combine(Layers.RepositoryRoot.FullName, ".editorconfig")).Select(l => l.Trim()))
        {
            if (line.StartsWith('['))
            {
                inCSharp = line == "[*.cs]";
            }
            else if (inCSharp && line.StartsWith("max_line_length", StringComparison.Ordinal))
            {
                return int.Parse(line.Split('=')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [Fact]
    public void The_layout_rule_sees_a_second_public_type_and_forgives_a_handler_and_validator()
    {
        string[] request =
        [
            "namespace X;",
            "/// <summary>Doc.</summary>",
            "public sealed record DoThingCommand(string Name) : ICommand<Result>;",
            "public sealed class DoThingCommandValidator : AbstractValidator<DoThingCommand>",
            "{",
            "}",
            "internal sealed class DoThingCommandHandler",
            "{",
            "}",
            "public sealed class DoThingCommandHandler<T>",
            "{",
            "    public sealed class Nested { }",
            "}",
        ];
        string[] two = ["namespace X;", "public interface IThing { }", "public sealed record ThingDto(int A);"];

        PublicTypeGroups(request).ShouldBe(["DoThingCommand"]);
        PublicTypeGroups(two).ShouldBe(["IThing", "ThingDto"]);
    }

    /// <summary>
    /// The public top-level types of a file (file-scoped namespaces put them at column 0), a request's
    /// handler and validator counted with the request, generic variants with their plain namesake.
    /// </summary>
    private static List<string> PublicTypeGroups(IEnumerable<string> lines)
    {
        var names = lines
            .Select(line => TopLevelPublicType().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["name"].Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return [.. names.Select(name => GroupOf(name, names)).Distinct(StringComparer.Ordinal)];
    }

    private static string GroupOf(string name, List<string> names)
    {
        foreach (var suffix in (string[])["Handler", "Validator"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && names.Contains(name[..^suffix.Length]))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    private const string TopLevelPublicTypePattern =
        @"^public\s+(?:(?:sealed|static|abstract|partial|readonly|ref)\s+)*"
        + @"(?:record\s+(?:class\s+|struct\s+)?|class\s+|interface\s+|enum\s+|struct\s+)(?<name>\w+)";

    [GeneratedRegex(TopLevelPublicTypePattern)]
    private static partial Regex TopLevelPublicType();
}
