namespace Natero.Connectors.Application.Connections.Commands.CompleteOAuth;

/// <summary>The words for an <c>error</c> a provider sends back on the callback instead of a code.</summary>
internal static class ProviderErrors
{
    public static ConnectOutcome Describe(string provider, string error, string? description) =>
        error switch
        {
            "access_denied" => ConnectOutcome.Refused($"You chose Deny on the {provider} page, so nothing was connected."),
            "OAUTH_APP_BLOCKED" => ConnectOutcome.Failed(
                $"Your {provider} admin has blocked the Natero app. Ask them to unblock it, then try again."
            ),
            "OAUTH_APP_ACCESS_DENIED" => ConnectOutcome.Failed(
                $"Your {provider} admin must pre-authorize you for the Natero app before you can connect."
            ),
            "inactive_user" => ConnectOutcome.Failed($"Your {provider} user is inactive."),
            "inactive_org" => ConnectOutcome.Failed($"This {provider} org is inactive."),
            "rate_limit_exceeded" => ConnectOutcome.Failed(
                $"{provider} says too many sign-ins were attempted. Wait a few minutes and try again."
            ),
            _ => ConnectOutcome.Failed(
                $"{provider} refused the authorization "
                    + $"({Clip(error)}{(string.IsNullOrWhiteSpace(description) ? string.Empty : ": " + Clip(description))})."
            ),
        };

    private static string Clip(string value) => value.Length > 200 ? value[..200] : value;
}
