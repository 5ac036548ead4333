using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.FileProviders;

namespace Natero.Connectors.Web.Common;

/// <summary>
/// The plugin's stylesheet and scripts (<c>src/Web/Assets</c>), embedded in its assembly: a host needs no
/// static-web-assets setup, and they are served under the plugin's prefix like everything else of it.
/// </summary>
public static class NateroAssetFiles
{
    private static readonly Lazy<IFileProvider> Files = new(() =>
        new ManifestEmbeddedFileProvider(typeof(NateroAssetFiles).Assembly, "Assets")
    );

    private static readonly ConcurrentDictionary<string, string> Versions = new(StringComparer.Ordinal);

    public static IFileProvider FileProvider => Files.Value;

    /// <summary>
    /// <c>Url.NateroAsset("/css/site.css")</c>: the asset's URL with a version taken from its content, so that a
    /// browser fetches it again exactly when it changed.
    /// </summary>
    public static string NateroAsset(this IUrlHelper url, string path) => $"{url.Natero(path)}?v={Version(path)}";

    private static string Version(string path) => Versions.GetOrAdd(path, p =>
        {
            var file = FileProvider.GetFileInfo(p);
            if (!file.Exists)
            {
                throw new FileNotFoundException($"The plugin has no asset '{p}' (src/Web/Assets{p}).");
            }

            using var content = file.CreateReadStream();
            return Convert.ToHexStringLower(SHA256.HashData(content))[..12];
        });
}
