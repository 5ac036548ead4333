using Natero.Connectors.Application.Common.Providers;

namespace Natero.Connectors.Application.Connections.Commands.CompleteOAuth;

/// <summary>
/// The words for an <c>error</c> a provider sends back on the callback instead of a code: the provider's own
/// explanation and fix-it steps when its adapter has them, OAuth's standard refusal otherwise.
/// </summary>
internal static class ProviderErrors
{
    public static ConnectOutcome Describe(IOAuthProvider provider, string error, string? description) =>
        (provider.ExplainCallbackError(error, description), error) switch
        {
            ({ } explained, _) => ConnectOutcome.Failed(explained),
            (_, "access_denied") => ConnectOutcome.Refused(
                $"You chose Deny on the {provider.Descriptor.DisplayName} page, so nothing was connected."
            ),
            _ => Unexplained(provider.Descriptor.DisplayName, error, description),
        };

    private static ConnectOutcome Unexplained(string provider, string error, string? description) =>
        ConnectOutcome.Failed(
            $"{provider} refused the authorization "
                + $"({Clip(error)}{(string.IsNullOrWhiteSpace(description) ? string.Empty : ": " + Clip(description))})."
        );

    private static string Clip(string value) => value.Length > 200 ? value[..200] : value;
}
