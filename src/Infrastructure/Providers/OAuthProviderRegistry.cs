using Natero.Connectors.Application.Common.Providers;

namespace Natero.Connectors.Infrastructure.Providers;

internal sealed class OAuthProviderRegistry(IEnumerable<IOAuthProvider> providers) : IOAuthProviderRegistry
{
    public IReadOnlyList<IOAuthProvider> All { get; } = [.. providers];

    public IOAuthProvider? Find(string key)
    {
        var normalized = ProviderKeys.Normalize(key);
        return All.FirstOrDefault(p => string.Equals(p.Descriptor.Key, normalized, StringComparison.Ordinal));
    }
}
