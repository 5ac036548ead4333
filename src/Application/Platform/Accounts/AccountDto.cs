using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Application.Platform.Accounts;

/// <summary>A person's account as Natero staff see it: never a password.</summary>
public sealed record AccountDto(Guid Id, string Email, string DisplayName, bool Disabled)
{
    public static AccountDto From(UserSummary user) => new(user.Id, user.Email, user.DisplayName, user.Disabled);
}
