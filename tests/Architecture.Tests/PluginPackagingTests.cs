using System.Xml.Linq;

namespace Natero.Connectors.Architecture.Tests;

/// <summary>
/// The plugin is packages a host references; the standalone app is a thin host over them (issue 15): the four
/// projects under <c>src</c> are packable with their metadata, and <c>src/Host</c> holds nothing but its
/// Program and settings.
/// </summary>
public sealed class PluginPackagingTests
{
    private static readonly string[] Packages = ["Domain", "Application", "Infrastructure", "Web"];

    [Fact]
    public void The_plugin_solution_filter_packs_exactly_the_four_plugin_projects()
    {
        var filter = File.ReadAllText(Path.Combine(Layers.Source.FullName, "Plugin.slnf"));
        foreach (var project in Packages)
        {
            filter.ShouldContain($"src\\\\{project}\\\\{project}.csproj");
        }

        filter.ShouldNotContain("Host");
    }

    [Fact]
    public void Packages_carry_a_readme_a_license_expression_repository_metadata_symbols_and_deterministic_builds()
    {
        var props = XDocument.Load(Path.Combine(Layers.Source.FullName, "Directory.Build.props"));
        string Property(string name) => props.Descendants(name).Single().Value;

        Property("PackageLicenseExpression").ShouldNotBeNullOrWhiteSpace();
        Property("PackageReadmeFile").ShouldBe("README.md");
        Property("RepositoryUrl").ShouldStartWith("https://");
        Property("RepositoryType").ShouldBe("git");
        Property("IncludeSymbols").ShouldBe("true");
        Property("SymbolPackageFormat").ShouldBe("snupkg");
        Property("Deterministic").ShouldBe("true");
        File.Exists(Path.Combine(Layers.Source.FullName, "PACKAGE.md")).ShouldBeTrue();
        foreach (var project in Packages)
        {
            var csproj = XDocument.Load(Path.Combine(Layers.Source.FullName, project, $"{project}.csproj"));
            csproj.Descendants("IsPackable").ShouldBeEmpty($"{project} is packed: it must not turn packing off");
        }
    }

    [Fact]
    public void The_web_project_is_a_razor_class_library_not_an_application()
    {
        var web = XDocument.Load(Path.Combine(Layers.Source.FullName, "Web", "Web.csproj"));

        web.Root!.Attribute("Sdk")!.Value.ShouldBe("Microsoft.NET.Sdk.Razor");
        Layers.Web.EntryPoint.ShouldBeNull();
        Directory.Exists(Path.Combine(Layers.Source.FullName, "Web", "wwwroot")).ShouldBeFalse("assets are embedded from Web/Assets");
    }

    [Fact]
    public void The_standalone_host_is_its_program_and_settings_only_and_references_only_the_web_project()
    {
        var host = new DirectoryInfo(Path.Combine(Layers.Source.FullName, "Host"));
        var code = Layers.CSharpFiles(host).Select(f => f.RelativePath(host)).ToList();
        code.ShouldBe(["Program.cs"]);

        var csproj = XDocument.Load(Path.Combine(host.FullName, "Host.csproj"));
        csproj.Descendants("ProjectReference").Select(r => r.Attribute("Include")!.Value).ShouldBe([@"..\Web\Web.csproj"]);
        csproj.Descendants("IsPackable").Single().Value.ShouldBe("false");
    }
}
