using Natero.Connectors.Application.Common.Providers;

namespace Natero.Connectors.Infrastructure.Providers;

internal sealed class OAuthProviderRegistry(IEnumerable<IOAuthProvider> providers) : IOAuthProviderRegistry
{
    public IReadOnlyList<IOAuthProvider> All { get; } = [.. providers];

    public IOAuthProvider? Find(string key) => All.FirstOrDefault(p => string.Equals(p.Descriptor.Key, key, StringComparison.Ordinal));
}
