using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Accounts;

/// <summary>Account settings (factors, sessions, password) are changed by their owner in a browser, never by an API key.</summary>
internal static class SignedInPerson
{
    public static Result<Guid> Of(ICurrentUser user) =>
        user.ApiKey is null && user.UserId is { } userId
            ? userId
            : Error.Forbidden("Account security is changed by its owner, signed in, not by an API key.");
}
