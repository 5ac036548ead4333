namespace Natero.Connectors.ZendeskEmulator;

/// <summary>A user of one Zendesk account. The switches are read on every request.</summary>
public sealed class ZendeskUser
{
    internal ZendeskUser(
        long id,
        ZendeskAccount account,
        string email,
        string name,
        ZendeskRole role,
        string password,
        DateTimeOffset createdAt
    )
    {
        Id = id;
        Account = account;
        Email = email;
        Name = name;
        Role = role;
        Password = password;
        CreatedAt = createdAt;
    }

    public long Id { get; }

    public ZendeskAccount Account { get; }

    /// <summary>The sign-in email, unique within the account (compared without case).</summary>
    public string Email { get; }

    public string Name { get; }

    public ZendeskRole Role { get; set; }

    public string Password { get; set; }

    /// <summary>A suspended user cannot sign in, and the API refuses the user's tokens (401 <c>invalid_token</c>).</summary>
    public bool Suspended { get; set; }

    public DateTimeOffset CreatedAt { get; }

    public override string ToString() => $"{Email} ({Role}, {Account.Subdomain})";
}
