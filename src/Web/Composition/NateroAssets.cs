using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Composition;

internal static class NateroAssets
{
    /// <summary>Serves the embedded stylesheet and scripts (<see cref="NateroAssetFiles"/>) under the plugin's prefix.</summary>
    public static void UseNateroAssets(this IApplicationBuilder app, NateroMount mount) =>
        app.UseStaticFiles(new StaticFileOptions { FileProvider = NateroAssetFiles.FileProvider, RequestPath = mount.Prefix });
}
