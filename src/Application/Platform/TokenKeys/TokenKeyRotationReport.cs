namespace Natero.Connectors.Application.Platform.TokenKeys;

public sealed record TokenKeyRotationReport(int ConnectionsReEncrypted, int AuthorizationsReEncrypted, int Unreadable);
