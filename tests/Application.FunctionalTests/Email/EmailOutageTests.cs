namespace Natero.Connectors.Application.FunctionalTests.Email;

/// <summary>While the mail server refuses mail or is gone, messages wait in the outbox and nothing is lost.</summary>
public sealed class EmailOutageTests(ApplicationFixture app) : EmailTest(app)
{
    [Fact]
    public async Task A_refusing_then_stopped_server_leaves_the_message_queued_with_backoff_and_it_is_sent_exactly_once_when_back()
    {
        var email = Invitation("patient@example.test", token: "outage-token-0c4e");
        var id = await EnqueueAsync(email);

        // Up, but answering 451 to every message.
        App.Mail.RefuseAll = true;
        var firstTry = App.Clock.GetUtcNow();
        (await Worker.RunOnceAsync(CancellationToken.None)).ShouldBe(1);

        var refused = await RowAsync(id);
        App.Mail.Refused.ShouldBe(1);
        refused.Attempts.ShouldBe(1);
        refused.LastError.ShouldBe("The SMTP server refused the message: 451 (MessageNotAccepted).");
        refused.SentAt.ShouldBeNull();
        refused.ProtectedPayload.ShouldNotBeNull();
        refused.LeaseOwner.ShouldBeNull();
        // The first wait is half to all of Email:RetryBaseDelay (100 ms).
        (refused.NextAttemptAt - firstTry).ShouldBeInRange(TimeSpan.FromMilliseconds(49), TimeSpan.FromMilliseconds(101));

        // Not due yet: the next round leaves it alone.
        (await Worker.RunOnceAsync(CancellationToken.None)).ShouldBe(0);

        // Gone: connections are refused.
        await App.Mail.StopAsync();
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        var secondTry = App.Clock.GetUtcNow();
        (await Worker.RunOnceAsync(CancellationToken.None)).ShouldBe(1);

        var unreachable = await RowAsync(id);
        unreachable.Attempts.ShouldBe(2);
        unreachable.LastError.ShouldBe("Could not reach the SMTP server (ConnectionRefused).");
        unreachable.SentAt.ShouldBeNull();
        unreachable.ProtectedPayload.ShouldBe(refused.ProtectedPayload);
        unreachable.NextAttemptAt.ShouldBeGreaterThan(refused.NextAttemptAt);
        // The wait doubled: half to all of 200 ms.
        (unreachable.NextAttemptAt - secondTry).ShouldBeInRange(TimeSpan.FromMilliseconds(99), TimeSpan.FromMilliseconds(201));

        // Back.
        await App.Mail.StartAsync();
        App.Mail.RefuseAll = false;
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        (await Worker.RunOnceAsync(CancellationToken.None)).ShouldBe(1);
        App.Clock.Advance(TimeSpan.FromHours(1));
        (await Worker.RunOnceAsync(CancellationToken.None)).ShouldBe(0);

        var received = App.Mail.Messages.ShouldHaveSingleItem();
        received.TextBody.ShouldContain(email.Link!);
        var sent = await RowAsync(id);
        sent.Attempts.ShouldBe(3);
        sent.SentAt.ShouldNotBeNull();
        sent.ProtectedPayload.ShouldBeNull();
        sent.LastError.ShouldBeNull();

        // Each failure was logged with the message and recipient, never the content.
        App.Logs.Lines.Count(line => line.Contains($"Email {id} to patient@example.test was not sent", StringComparison.Ordinal))
            .ShouldBe(2);
        App.Logs.Lines.ShouldNotContain(line =>
            line.Contains("outage-token-0c4e", StringComparison.Ordinal) || line.Contains("Accept the invitation", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task A_message_that_cannot_be_sent_for_longer_than_give_up_after_is_given_up_with_its_last_error()
    {
        var id = await EnqueueAsync(Invitation("never@example.test"));
        App.Mail.RefuseAll = true;
        await Worker.RunOnceAsync(CancellationToken.None);

        App.Clock.Advance(Options.GiveUpAfter);
        (await Worker.RunOnceAsync(CancellationToken.None)).ShouldBe(1);

        var row = await RowAsync(id);
        row.Attempts.ShouldBe(2);
        row.SentAt.ShouldBeNull();
        row.LastError.ShouldBe("Gave up after 2 attempts. The SMTP server refused the message: 451 (MessageNotAccepted).");
        row.NextAttemptAt.Year.ShouldBe(9999);
        App.Logs.Lines.ShouldContain(line =>
            line.Contains($"Gave up on email {id} to never@example.test after 2 attempts", StringComparison.Ordinal)
        );

        App.Mail.RefuseAll = false;
        App.Clock.Advance(TimeSpan.FromDays(30));
        (await Worker.RunOnceAsync(CancellationToken.None)).ShouldBe(0);
        App.Mail.Messages.ShouldBeEmpty();
    }
}
