namespace Natero.Connectors.HubSpotEmulator.OAuth;

/// <summary>A live token found by introspection: a refresh token (<see cref="Access"/> null) or an access token.</summary>
internal sealed record TokenInspection(Grant Grant, AccessToken? Access);
