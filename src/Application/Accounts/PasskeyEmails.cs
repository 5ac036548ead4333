using Natero.Connectors.Application.Common.Email;

namespace Natero.Connectors.Application.Accounts;

/// <summary>The words of the emails that tell a person their passkeys changed.</summary>
internal static class PasskeyEmails
{
    public static OutgoingEmail Added(string to, string name) =>
        new(
            to,
            "A passkey was added to your Natero account",
            $"""
            A passkey named "{name}" was just added to your Natero account ({to}), and your other sessions were signed out.
            It signs you in without a password, and counts as your second factor after one.

            If this was not you, reset your password at once from the sign-in page ("Forgot password?"), remove the passkey
            under Account security, and tell your administrator.
            """
        );

    public static OutgoingEmail Removed(string to, string name) =>
        new(
            to,
            "A passkey was removed from your Natero account",
            $"""
            The passkey named "{name}" was just removed from your Natero account ({to}), and your other sessions were signed out.

            If this was not you, reset your password at once from the sign-in page ("Forgot password?") and tell your administrator.
            """
        );
}
