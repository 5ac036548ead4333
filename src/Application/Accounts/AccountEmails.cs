using Natero.Connectors.Application.Common.Email;

namespace Natero.Connectors.Application.Accounts;

/// <summary>The words of the account emails, in one place.</summary>
internal static class AccountEmails
{
    public static OutgoingEmail PasswordReset(string to, string link) =>
        new(
            to,
            "Reset your Natero password",
            $"""
            Someone, hopefully you, asked to reset the password of your Natero account ({to}).

            Choose a new password here (the link works once, for one hour):
            {link}

            If you did not ask for this, ignore this email: your password stays as it is.
            """,
            Link: link
        );

    public static OutgoingEmail PasswordChanged(string to) =>
        new(
            to,
            "Your Natero password was changed",
            $"""
            The password of your Natero account ({to}) was just changed, and your other sessions were signed out.

            If this was not you, reset your password at once from the sign-in page ("Forgot password?") and tell your administrator.
            """
        );
}
