namespace Natero.Connectors.Application.Common.Providers;

public interface IOAuthProviderRegistry
{
    IReadOnlyList<IOAuthProvider> All { get; }

    IOAuthProvider? Find(string key);
}
