using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Accounts.Commands.RequestPasswordReset;
using Natero.Connectors.Application.Accounts.Commands.SignIn;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Tenants.Invitations.Commands.AcceptInvitation;
using Natero.Connectors.Application.Tenants.Invitations.Commands.InviteMember;
using Natero.Connectors.Application.Tenants.Invitations.Commands.ResendInvitation;
using Natero.Connectors.Application.Tenants.Invitations.Commands.RevokeInvitation;
using Natero.Connectors.Application.Tenants.Invitations.Queries.GetInvitation;
using Natero.Connectors.Application.Tenants.Invitations.Queries.ListInvitations;
using Natero.Connectors.Application.Tenants.Queries.ListMyTenants;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Tenants;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Tenants;

/// <summary>S14 and S15: people join through links mailed to them; nobody else learns a way into their account.</summary>
public sealed class InvitationTests(ApplicationFixture app) : FunctionalTest(app)
{
    private const string Demo = TestUsers.DemoTenant;
    private const string Victim = "it@bigcorp.example";

    [Fact]
    public async Task S14_tenant_A_admin_who_invites_an_email_learns_nothing_that_signs_into_it_when_it_later_joins_tenant_B()
    {
        var attacker = await App.UserAsync(TestUsers.DemoAdmin);

        // The attacker invites the victim's address and keeps everything the app answers.
        var invited = await App.SendAsync(new InviteMemberCommand(Victim, Permissions.All.Select(p => p.Name).ToList()), attacker, Demo);
        var listed = await App.SendAsync(new ListInvitationsQuery(), attacker, Demo);
        var seenByAttacker = System.Text.Json.JsonSerializer.Serialize(new object[] { invited.Value, listed.Value });

        // Natero staff make the victim admin of tenant B; the victim accepts from their own mailbox and sets a password.
        await App.CreateTenantAsync("bigcorp", Victim);
        (await App.QueryDbAsync(db => db.Users.CountAsync(u => u.Email == Victim))).ShouldBe(1);

        var token = (await App.LastEmailToAsync(Victim, QueuedEmails.InvitationSubject)).InvitationToken();
        seenByAttacker.ShouldNotContain(token);
        seenByAttacker.ShouldNotContain("password", Case.Insensitive);

        // The attacker cannot accept for the victim, nor create the victim's account with the first link.
        var firstLinkAsAttacker = await App.SendAsync(new AcceptInvitationCommand(token), attacker);
        firstLinkAsAttacker.IsSuccess.ShouldBeFalse();
        var accountExists = await App.SendAsync(new AcceptInvitationWithNewAccountCommand(token, "attacker's password 1", null), null);
        accountExists.Error!.Code.ShouldBeOneOf("account_exists", "invitation_used");

        // Asking for a reset mails the victim, not the attacker; a guess at the password fails.
        (await App.SendAsync(new RequestPasswordResetCommand(Victim), null)).IsSuccess.ShouldBeTrue();
        (await App.LastEmailToAsync(Victim, QueuedEmails.ResetSubject)).To.ShouldBe(Victim);
        var victim = await App.UserAsync(Victim);
        (await App.SendAsync(new ListMyTenantsQuery(), victim)).Value.Select(t => t.Slug).ShouldBe(["bigcorp"]);
    }

    [Fact]
    public async Task S15_an_invitation_link_works_once_and_only_its_hash_is_stored()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var invited = await App.SendAsync(new InviteMemberCommand("newcomer@demo.test", [Permissions.DataConnectors.View]), admin, Demo);
        var token = (await App.LastEmailToAsync("newcomer@demo.test", QueuedEmails.InvitationSubject)).InvitationToken();

        var stored = await App.QueryDbAsync(db => db.Invitations.IgnoreQueryFilters().SingleAsync(i => i.Id == invited.Value.Id));
        stored.TokenHash.ShouldNotContain(token);
        stored.TokenHash.ShouldBe(Common.Providers.OAuthSecrets.Hash(token));
        var first = await App.SendAsync(new AcceptInvitationWithNewAccountCommand(token, TestUsers.Password, "New Comer"), null);
        var second = await App.SendAsync(new AcceptInvitationWithNewAccountCommand(token, TestUsers.Password, null), null);
        var signedIn = await App.UserAsync("newcomer@demo.test");
        var third = await App.SendAsync(new AcceptInvitationCommand(token), signedIn);

        first.Value.TenantSlug.ShouldBe(Demo);
        second.Error!.Code.ShouldBe("invitation_used");
        third.Error!.Code.ShouldBe("invitation_used");
        (await App.SendAsync(new ListMyTenantsQuery(), signedIn)).Value.Select(t => t.Slug).ShouldBe([Demo]);
        var events = await App.QueryDbAsync(db =>
            db.AuditEvents.AsNoTracking().Where(e => e.Action == "invitation.accepted").ToListAsync()
        );
        events.Count(e => e.Outcome == Domain.Audit.AuditOutcome.Success).ShouldBe(1);
    }

    [Fact]
    public async Task S15_an_invitation_expires()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        await App.SendAsync(new InviteMemberCommand("late@demo.test", []), admin, Demo);
        var token = (await App.LastEmailToAsync("late@demo.test", QueuedEmails.InvitationSubject)).InvitationToken();

        App.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var preview = await App.SendAsync(new GetInvitationByTokenQuery(token), null);
        var accepted = await App.SendAsync(new AcceptInvitationWithNewAccountCommand(token, TestUsers.Password, null), null);

        preview.Value.State.ShouldBe(InvitationState.Expired);
        accepted.Error!.Code.ShouldBe("invitation_expired");
        (await App.QueryDbAsync(db => db.Users.AnyAsync(u => u.Email == "late@demo.test"))).ShouldBeFalse();
    }

    [Fact]
    public async Task S15_a_revoked_invitation_and_the_link_of_a_resent_one_fail()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var revoked = await App.SendAsync(new InviteMemberCommand("revoked@demo.test", []), admin, Demo);
        var revokedToken = (await App.LastEmailToAsync("revoked@demo.test", QueuedEmails.InvitationSubject)).InvitationToken();
        var resent = await App.SendAsync(new InviteMemberCommand("resent@demo.test", []), admin, Demo);
        var oldToken = (await App.LastEmailToAsync("resent@demo.test", QueuedEmails.InvitationSubject)).InvitationToken();

        (await App.SendAsync(new RevokeInvitationCommand(revoked.Value.Id), admin, Demo)).IsSuccess.ShouldBeTrue();
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        (await App.SendAsync(new ResendInvitationCommand(resent.Value.Id), admin, Demo)).Value.SendCount.ShouldBe(2);
        var newToken = (await App.LastEmailToAsync("resent@demo.test", QueuedEmails.InvitationSubject)).InvitationToken();

        (await App.SendAsync(new AcceptInvitationWithNewAccountCommand(revokedToken, TestUsers.Password, null), null)).Error!.Code.ShouldBe(
            "invitation_revoked"
        );
        (await App.SendAsync(new AcceptInvitationWithNewAccountCommand(oldToken, TestUsers.Password, null), null)).Error!.Kind.ShouldBe(
            ErrorKind.NotFound
        );
        newToken.ShouldNotBe(oldToken);
        (await App.SendAsync(new AcceptInvitationWithNewAccountCommand(newToken, TestUsers.Password, null), null)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task S15_an_existing_account_joins_only_when_signed_in_as_the_invited_email()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var known = await App.CreateUserAsync("known@elsewhere.test");
        await App.SendAsync(new InviteMemberCommand("known@elsewhere.test", [Permissions.DataConnectors.View]), admin, Demo);
        var token = (await App.LastEmailToAsync("known@elsewhere.test", QueuedEmails.InvitationSubject)).InvitationToken();
        var someoneElse = await App.UserAsync(TestUsers.DemoMember);

        var joinedSilently = await App.SendAsync(new ListMyTenantsQuery(), known);
        var withNewAccount = await App.SendAsync(new AcceptInvitationWithNewAccountCommand(token, "another password 123", null), null);
        var asSomeoneElse = await App.SendAsync(new AcceptInvitationCommand(token), someoneElse);
        var asThemselves = await App.SendAsync(new AcceptInvitationCommand(token), known);

        joinedSilently.Value.ShouldBeEmpty();
        withNewAccount.Error!.Code.ShouldBe("account_exists");
        asSomeoneElse.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        asSomeoneElse.Error.Message.ShouldContain("known@elsewhere.test");
        asThemselves.Value.TenantSlug.ShouldBe(Demo);
        (await App.SendAsync(new ListMyTenantsQuery(), known)).Value.Select(t => t.Slug).ShouldBe([Demo]);
    }

    [Fact]
    public async Task Inviting_a_member_or_a_pending_address_twice_is_a_conflict()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var member = await App.SendAsync(new InviteMemberCommand(TestUsers.DemoMember, []), admin, Demo);
        var first = await App.SendAsync(new InviteMemberCommand("twice@demo.test", []), admin, Demo);
        var second = await App.SendAsync(new InviteMemberCommand("TWICE@demo.test", []), admin, Demo);

        member.Error!.Code.ShouldBe("already_member");
        first.IsSuccess.ShouldBeTrue();
        second.Error!.Code.ShouldBe("already_invited");
    }

    [Fact]
    public async Task Every_invitation_step_is_audited_in_the_tenant_chain_without_the_token()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var invited = await App.SendAsync(new InviteMemberCommand("audited@demo.test", [Permissions.DataConnectors.View]), admin, Demo);
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        await App.SendAsync(new ResendInvitationCommand(invited.Value.Id), admin, Demo);
        var token = (await App.LastEmailToAsync("audited@demo.test", QueuedEmails.InvitationSubject)).InvitationToken();
        (await App.SendAsync(new AcceptInvitationWithNewAccountCommand(token, TestUsers.Password, null), null)).IsSuccess.ShouldBeTrue();
        var other = await App.SendAsync(new InviteMemberCommand("withdrawn@demo.test", []), admin, Demo);
        await App.SendAsync(new RevokeInvitationCommand(other.Value.Id), admin, Demo);

        var events = await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().ToListAsync());
        events
            .Select(e => e.Action)
            .ShouldBe(
                ["invitation.sent", "invitation.resent", "account.created", "invitation.accepted", "invitation.sent", "invitation.revoked"],
                ignoreOrder: true
            );
        events
            .Where(e => e.Action.StartsWith("invitation.", StringComparison.Ordinal))
            .ShouldAllBe(e => e.TenantId != null && e.Target!.StartsWith("invitation:"));
        events.Single(e => e.Action == "account.created").TenantId.ShouldBeNull();
        events.Single(e => e.Action == "invitation.accepted").ActorName.ShouldBe("audited@demo.test");
        foreach (var e in events)
        {
            (e.Data ?? string.Empty).ShouldNotContain(token);
            (e.Reason ?? string.Empty).ShouldNotContain(token);
        }
    }

    [Fact]
    public async Task A_failed_sign_in_is_audited_on_the_platform_chain_without_the_password()
    {
        var result = await App.SendAsync(new SignInCommand("nobody@demo.test", "not the password"), null);

        result.Error!.Code.ShouldBe("sign_in_failed");
        var e = (await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().ToListAsync())).ShouldHaveSingleItem();
        e.Action.ShouldBe("account.sign_in_failed");
        e.TenantId.ShouldBeNull();
        var data = e.Data ?? string.Empty;
        data.ShouldContain("nobody@demo.test");
        data.ShouldNotContain("not the password");
    }
}
