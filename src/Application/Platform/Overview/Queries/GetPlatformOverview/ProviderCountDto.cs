namespace Natero.Connectors.Application.Platform.Overview.Queries.GetPlatformOverview;

/// <summary>Connections of one provider (its key), with how many of them are broken.</summary>
public sealed record ProviderCountDto(string Provider, int Count, int Broken);
