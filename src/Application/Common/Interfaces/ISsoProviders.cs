namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>The configured single sign-on providers, in the order the sign-in page shows them.</summary>
public interface ISsoProviders
{
    IReadOnlyList<SsoProvider> All { get; }

    SsoProvider? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
