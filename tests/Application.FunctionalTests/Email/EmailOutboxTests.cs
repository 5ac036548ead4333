using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Infrastructure.Email;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Email;

/// <summary>Mail queued with a change reaches the SMTP server once the change commits, and only then.</summary>
public sealed class EmailOutboxTests(ApplicationFixture app) : EmailTest(app)
{
    private static readonly TimeSpan Precision = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task A_queued_email_reaches_the_smtp_server_intact_and_its_row_is_marked_sent_with_the_content_erased()
    {
        var email = Invitation("new.person@example.test");
        var id = await EnqueueAsync(email);

        (await Worker.RunOnceAsync(CancellationToken.None)).ShouldBe(1);

        var received = await App.Mail.WaitForMessageAsync("new.person@example.test", Wait);
        received.Message.From.Mailboxes.Single().Name.ShouldBe("Natero");
        received.Message.From.Mailboxes.Single().Address.ShouldBe("no-reply@natero.example");
        received.To.ShouldBe(["new.person@example.test"]);
        received.EnvelopeTo.ShouldBe(["new.person@example.test"]);
        received.Subject.ShouldBe("You are invited to Natero");
        received.TextBody.ReplaceLineEndings("\n").ShouldBe(email.TextBody);
        received.HtmlBody!.ShouldContain("<a href=\"https://natero.test/account/invitation/inv-TOKEN-7f3a9c\">");
        TestSmtpServer
            .ExtractLink(received.TextBody, "/account/invitation/")
            .ShouldBe("https://natero.test/account/invitation/inv-TOKEN-7f3a9c");
        received.Message.MessageId.ShouldBe($"{id:N}@natero.example");
        App.Mail.Messages.Count.ShouldBe(1);

        var row = await RowAsync(id);
        row.SentAt!.Value.ShouldBe(App.Clock.GetUtcNow(), Precision);
        row.ProtectedPayload.ShouldBeNull();
        row.Attempts.ShouldBe(1);
        row.LastError.ShouldBeNull();
        row.LeaseOwner.ShouldBeNull();
        App.Logs.Lines.ShouldContain(line => line.Contains($"Sent email {id} to new.person@example.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sent_email_is_not_sent_again()
    {
        await EnqueueAsync(Invitation("once@example.test"));
        await Worker.RunOnceAsync(CancellationToken.None);

        App.Clock.Advance(TimeSpan.FromHours(1));
        (await Worker.RunOnceAsync(CancellationToken.None)).ShouldBe(0);

        App.Mail.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_email_queued_in_a_unit_of_work_that_is_never_saved_is_never_sent()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(Invitation("abandoned@example.test"));
        }

        (await Worker.RunOnceAsync(CancellationToken.None)).ShouldBe(0);

        (await RowsAsync()).ShouldBeEmpty();
        App.Mail.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_email_saved_in_a_transaction_that_rolls_back_is_never_sent()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(Invitation("rolled.back@example.test"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        (await Worker.RunOnceAsync(CancellationToken.None)).ShouldBe(0);

        (await RowsAsync()).ShouldBeEmpty();
        App.Mail.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_outbox_row_holds_neither_the_body_nor_the_link_in_clear_and_nothing_of_them_once_sent()
    {
        var email = Invitation("private@example.test", token: "clear-text-canary-5d21");
        var id = await EnqueueAsync(email);

        var queued = await DatabaseText.CellsAsync(App.Database, "OutboxMessages");

        queued.ShouldContain(c => c.Column == "Recipient" && c.Value == "private@example.test");
        queued.ShouldContain(c => c.Column == "ProtectedPayload");
        queued.ShouldNotContain(c => c.Value.Contains("clear-text-canary-5d21", StringComparison.Ordinal));
        queued.ShouldNotContain(c => c.Value.Contains("Accept the invitation", StringComparison.Ordinal));

        await Worker.RunOnceAsync(CancellationToken.None);
        await App.Mail.WaitForMessageAsync("private@example.test", Wait);

        var sent = await DatabaseText.CellsAsync(App.Database, "OutboxMessages");
        sent.ShouldNotContain(c => c.Column == "ProtectedPayload");
        (await RowAsync(id)).SentAt.ShouldNotBeNull();
        App.Logs.Lines.ShouldNotContain(line => line.Contains("clear-text-canary-5d21", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_workers_racing_over_twenty_messages_send_each_exactly_once()
    {
        var recipients = Enumerable.Range(1, 20).Select(i => $"person{i}@example.test").ToList();
        foreach (var to in recipients)
        {
            await EnqueueAsync(Invitation(to));
        }

        // Two instances as two app instances would have them: each with its own lease name, sharing the database.
        EmailOutboxWorker[] workers =
        [
            ActivatorUtilities.CreateInstance<EmailOutboxWorker>(App.Services),
            ActivatorUtilities.CreateInstance<EmailOutboxWorker>(App.Services),
        ];
        using var start = new SemaphoreSlim(0, workers.Length);
        var runs = workers
            .Select(worker =>
                Task.Run(async () =>
                {
                    await start.WaitAsync();
                    var tried = 0;
                    int round;
                    while ((round = await worker.RunOnceAsync(CancellationToken.None)) > 0)
                    {
                        tried += round;
                    }

                    return tried;
                })
            )
            .ToList();
        start.Release(workers.Length);
        var tried = await Task.WhenAll(runs);

        tried.Sum().ShouldBe(20);
        App.Mail.Messages.Count.ShouldBe(20);
        App.Mail.Messages.SelectMany(m => m.To).Order().ShouldBe(recipients.Order());
        var rows = await RowsAsync();
        rows.ShouldAllBe(m => m.SentAt != null && m.Attempts == 1 && m.ProtectedPayload == null && m.LeaseOwner == null);
        foreach (var worker in workers)
        {
            worker.Dispose();
        }
    }
}
