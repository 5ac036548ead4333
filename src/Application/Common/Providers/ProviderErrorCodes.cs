namespace Natero.Connectors.Application.Common.Providers;

public static class ProviderErrorCodes
{
    /// <summary>The provider refused the refresh token for good (revoked, expired, inactive user or org).</summary>
    public const string RefreshRejected = "refresh_rejected";
}
