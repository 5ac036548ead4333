using System.Reflection;

namespace Natero.Connectors.Architecture.Tests;

/// <summary>The four assemblies of the solution, and the repository they are built from.</summary>
internal static class Layers
{
    public const string DomainNamespace = "Natero.Connectors.Domain";
    public const string ApplicationNamespace = "Natero.Connectors.Application";
    public const string InfrastructureNamespace = "Natero.Connectors.Infrastructure";
    public const string WebNamespace = "Natero.Connectors.Web";

    public static readonly Assembly Domain = typeof(Domain.Connections.ProviderConnection).Assembly;
    public static readonly Assembly Application = typeof(Application.DependencyInjection).Assembly;
    public static readonly Assembly Infrastructure = typeof(Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly Web = typeof(Web.Composition.NateroConnectorsExtensions).Assembly;

    public static IEnumerable<Assembly> All => [Domain, Application, Infrastructure, Web];

    /// <summary>Types written by people: compiler- and generator-made types are left out.</summary>
    public static IEnumerable<Type> OwnTypes(this Assembly assembly) =>
        assembly
            .GetTypes()
            .Where(t =>
                t.Namespace?.StartsWith("Natero.Connectors", StringComparison.Ordinal) == true
                && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false)
                && !t.Name.Contains('<', StringComparison.Ordinal)
            );

    public static DirectoryInfo RepositoryRoot { get; } = FindRepositoryRoot();

    public static DirectoryInfo Source => new(Path.Combine(RepositoryRoot.FullName, "src"));

    /// <summary>Every C# file under <paramref name="directory"/> that a person wrote (build output left out).</summary>
    public static IEnumerable<FileInfo> CSharpFiles(DirectoryInfo directory) =>
        directory
            .EnumerateFiles("*.cs", SearchOption.AllDirectories)
            .Where(f =>
            {
                var relative = Path.GetRelativePath(directory.FullName, f.FullName).Split(Path.DirectorySeparatorChar);
                return !relative.Contains("bin") && !relative.Contains("obj");
            });

    public static string RelativePath(this FileInfo file, DirectoryInfo root) =>
        Path.GetRelativePath(root.FullName, file.FullName).Replace(Path.DirectorySeparatorChar, '/');

    public static void ShouldPass(this NetArchTest.Rules.TestResult result, string rule) =>
        result.IsSuccessful.ShouldBeTrue($"{rule}. Offending types: {string.Join(", ", result.FailingTypeNames ?? [])}");

    private static DirectoryInfo FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Natero.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"No Natero.sln above {AppContext.BaseDirectory}.");
    }
}
