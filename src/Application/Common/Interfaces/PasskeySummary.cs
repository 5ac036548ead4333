namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>A passkey as its owner sees it: the name they gave it and when it was added. Never its key material.</summary>
/// <param name="Id">The credential id, base64url-encoded: public (browsers are told it on every sign-in), and how a removal names
/// it.</param>
public sealed record PasskeySummary(string Id, string Name, DateTimeOffset CreatedAt);
