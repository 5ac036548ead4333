namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>What introspection tells about a live token.</summary>
internal sealed record TokenInspection(string TokenType, Grant Grant, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt);
