namespace Natero.Connectors.Application.Common.Providers;

/// <summary>One place a person can sign in to a provider.</summary>
/// <param name="Key">What is stored and what the API takes, e.g. Production.</param>
/// <param name="HostLabel">Set when this environment needs a host typed by the person, e.g. "My Domain".</param>
/// <param name="HostExample">An example of that host, e.g. acme.my.example.com.</param>
/// <param name="Hint">A few words on where it is, e.g. the login host.</param>
public sealed record ProviderEnvironment(
    string Key,
    string Label,
    string? HostLabel = null,
    string? HostExample = null,
    string? Hint = null
)
{
    public bool NeedsHost => HostLabel is not null;
}
