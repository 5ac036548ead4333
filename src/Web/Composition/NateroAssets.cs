using Microsoft.Extensions.FileProviders;

namespace Natero.Connectors.Web.Composition;

internal static class NateroAssets
{
    /// <summary>
    /// The plugin's stylesheet and scripts (<c>src/Web/Assets</c>), embedded in its assembly and served from
    /// there, so that a host needs no static-web-assets setup and the host's own <c>wwwroot</c> is left alone.
    /// </summary>
    public static void UseNateroAssets(this IApplicationBuilder app) =>
        app.UseStaticFiles(
            new StaticFileOptions { FileProvider = new ManifestEmbeddedFileProvider(typeof(NateroAssets).Assembly, "Assets") }
        );
}
