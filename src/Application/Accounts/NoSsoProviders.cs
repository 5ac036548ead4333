using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Application.Accounts;

/// <summary>A host that configures no single sign-on (a command line, a test) has no providers; the web host replaces this.</summary>
internal sealed class NoSsoProviders : ISsoProviders
{
    public IReadOnlyList<SsoProvider> All => [];
}
