namespace Natero.Connectors.Domain.Connections;

/// <summary>A machine-readable code with the words shown to people.</summary>
public sealed record ConnectionError(string Code, string Message);
