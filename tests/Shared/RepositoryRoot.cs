namespace Natero.Connectors.Tests.Shared;

/// <summary>The folder holding Natero.sln, found above the running test or benchmark.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Natero.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Natero.sln) was not found above " + AppContext.BaseDirectory);
    }
}
