using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Accounts.Commands.ChangePassword;
using Natero.Connectors.Application.Accounts.Commands.RequestPasswordReset;
using Natero.Connectors.Application.Accounts.Commands.ResetPassword;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Accounts;

/// <summary>S17 without a browser: the reset link's single use and hour, and what is audited and mailed.</summary>
public sealed class PasswordResetTests(ApplicationFixture app) : FunctionalTest(app)
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task S17_a_reset_link_sets_the_password_once()
    {
        await App.SendAsync(new RequestPasswordResetCommand(TestUsers.DemoMember), null);
        var token = (await App.LastEmailToAsync(TestUsers.DemoMember, QueuedEmails.ResetSubject)).ResetToken();

        var first = await App.SendAsync(new ResetPasswordCommand(token, NewPassword), null);
        var second = await App.SendAsync(new ResetPasswordCommand(token, "yet another passphrase"), null);

        first.Value.Email.ShouldBe(TestUsers.DemoMember);
        second.Error!.Code.ShouldBe("invalid_reset_link");
        (await PasswordWorksAsync(TestUsers.DemoMember, NewPassword)).ShouldBeTrue();
        (await PasswordWorksAsync(TestUsers.DemoMember, TestUsers.Password)).ShouldBeFalse();
        (await App.LastEmailToAsync(TestUsers.DemoMember, "password was changed")).To.ShouldBe(TestUsers.DemoMember);
    }

    [Fact]
    public void S17_a_reset_link_lives_one_hour()
    {
        // Identity's token provider reads the system clock, so the expiry itself is proven over HTTP with a short lifespan.
        App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataProtectionTokenProviderOptions>>()
            .Value.TokenLifespan.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task S17_an_unknown_email_gets_the_same_answer_and_no_email()
    {
        var known = await App.SendAsync(new RequestPasswordResetCommand(TestUsers.DemoMember), null);
        var unknown = await App.SendAsync(new RequestPasswordResetCommand("nobody@nowhere.test"), null);

        known.IsSuccess.ShouldBeTrue();
        unknown.IsSuccess.ShouldBeTrue();
        (await App.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.Recipient == "nobody@nowhere.test"))).ShouldBe(0);
        var events = await App.QueryDbAsync(db =>
            db.AuditEvents.AsNoTracking().Where(e => e.Action == "account.password_reset_requested").ToListAsync()
        );
        events.Select(e => e.Outcome).ShouldBe([AuditOutcome.Success, AuditOutcome.Failure], ignoreOrder: true);
        events.ShouldAllBe(e => e.TenantId == null);
    }

    [Fact]
    public async Task A_forged_or_tampered_reset_link_changes_nothing()
    {
        await App.SendAsync(new RequestPasswordResetCommand(TestUsers.DemoMember), null);
        var token = (await App.LastEmailToAsync(TestUsers.DemoMember, QueuedEmails.ResetSubject)).ResetToken();

        foreach (var forged in new[] { "not-a-token", token[..^2] + (token[^2] == 'A' ? "BB" : "AA"), new string('A', 300) })
        {
            (await App.SendAsync(new ResetPasswordCommand(forged, NewPassword), null)).Error!.Code.ShouldBe("invalid_reset_link");
        }

        (await PasswordWorksAsync(TestUsers.DemoMember, TestUsers.Password)).ShouldBeTrue();
    }

    [Fact]
    public async Task Changing_a_password_needs_the_current_one_and_is_audited_and_mailed()
    {
        var member = await App.UserAsync(TestUsers.DemoMember);

        var wrong = await App.SendAsync(new ChangePasswordCommand("not my password!", NewPassword), member);
        var changed = await App.SendAsync(new ChangePasswordCommand(TestUsers.Password, NewPassword), member);

        wrong.Error!.Code.ShouldBe("wrong_password");
        changed.IsSuccess.ShouldBeTrue();
        (await PasswordWorksAsync(TestUsers.DemoMember, NewPassword)).ShouldBeTrue();
        var events = await App.QueryDbAsync(db =>
            db.AuditEvents.AsNoTracking().Where(e => e.Action == "account.password_changed").ToListAsync()
        );
        events.Select(e => e.Outcome).ShouldBe([AuditOutcome.Failure, AuditOutcome.Success], ignoreOrder: true);
        events.ShouldAllBe(e => e.Target == $"user:{member.UserId}");
        foreach (var e in events)
        {
            $"{e.Reason} {e.Data}".ShouldNotContain(NewPassword);
        }
    }

    [Fact]
    public async Task A_too_short_new_password_is_refused_with_the_rule()
    {
        var member = await App.UserAsync(TestUsers.DemoMember);

        var result = await App.SendAsync(new ChangePasswordCommand(TestUsers.Password, "short"), member);

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Fields["NewPassword"].ShouldContain(m => m.Contains("12"));
    }

    private async Task<bool> PasswordWorksAsync(string email, string password)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }
}
