using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Common.Providers;

/// <summary>What pages and the API show about a provider.</summary>
public sealed record ProviderDescriptor(
    string Key,
    string DisplayName,
    bool IsConfigured,
    string? NotConfiguredHelp,
    IReadOnlyList<ConnectionEnvironment> Environments,
    TimeSpan AccessTokenLifetime
);
