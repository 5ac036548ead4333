namespace Natero.Connectors.HubSpotEmulator.OAuth;

/// <summary>The outcome of checking a bearer token: a live token, or why not.</summary>
internal sealed record BearerCheck(AccessToken? Token, bool IsMissing, TimeSpan? ExpiredFor)
{
    public static readonly BearerCheck Missing = new(null, true, null);

    public static readonly BearerCheck Invalid = new(null, false, null);

    public static BearerCheck Valid(AccessToken token) => new(token, false, null);

    public static BearerCheck Expired(TimeSpan expiredFor) => new(null, false, expiredFor);
}
