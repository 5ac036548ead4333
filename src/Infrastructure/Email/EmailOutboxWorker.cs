using System.Linq.Expressions;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Email;

/// <summary>
/// Sends what the outbox holds once its change has committed. Each round leases the due messages with one
/// conditional update, so instances sharing a database never send the same message at once; a failed
/// attempt is retried with exponential backoff and jitter until <c>Email:GiveUpAfter</c>. Delivery is at
/// least once: a crash between the server's acceptance and recording it sends that message again when
/// its lease expires.
/// </summary>
public sealed partial class EmailOutboxWorker(
    IServiceScopeFactory scopes,
    IEmailTransport transport,
    IDataProtectionProvider protection,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<EmailOutboxWorker> logger
) : BackgroundService
{
    private const int BatchSize = 20;

    /// <summary>Where a given-up message waits: never due again, and still there for whoever investigates.</summary>
    private static readonly DateTimeOffset Never = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly IDataProtector _protector = protection.CreateProtector(EmailOutbox.Purpose);

    /// <summary>Names this instance in the lease column (64 characters at most with the round's own id).</summary>
    private readonly string _instance = $"{Truncate(Dns.GetHostName(), 20)}:{Environment.ProcessId}";

    private EmailOptions Settings => options.Value;

    /// <summary>
    /// A claimed message stays with its instance for one send at most (the send is bounded by the SMTP
    /// timeout), with a margin for the database; each message's lease is renewed just before its send.
    /// </summary>
    private TimeSpan LeaseDuration => Settings.Smtp.Timeout + TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.Worker.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Settings.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // A full batch suggests more are waiting: go on at once rather than a poll interval later.
                while (await RunOnceAsync(stoppingToken) == BatchSize) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }
        }
    }

    /// <summary>One round: lease what is due, try to send each, record the outcome. Returns how many were tried.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var lease = $"{_instance}:{Ids.New(time):N}";
        var claimed = await ClaimAsync(lease, cancellationToken);
        try
        {
            foreach (var message in claimed)
            {
                await SendAsync(message, lease, cancellationToken);
            }
        }
        finally
        {
            if (claimed.Count > 0)
            {
                // Messages not reached (the host is stopping) go back at once instead of when the lease expires.
                await ReleaseAsync(lease);
            }
        }

        return claimed.Count;
    }

    private static Expression<Func<OutboxMessage, bool>> Due(DateTimeOffset now) =>
        m => m.SentAt == null && m.NextAttemptAt <= now && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now);

    private async Task<List<Claim>> ClaimAsync(string lease, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = time.GetUtcNow();
        var due = await db
            .OutboxMessages.AsNoTracking()
            .Where(Due(now))
            .OrderBy(m => m.NextAttemptAt)
            .Take(BatchSize)
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        // The conditions are checked again in the update itself: of two instances that read the same
        // candidates, the database lets the first update a row and the second finds it leased and skips it.
        var until = now + LeaseDuration;
        await db
            .OutboxMessages.Where(m => due.Contains(m.Id))
            .Where(Due(now))
            .ExecuteUpdateAsync(
                set => set.SetProperty(m => m.LeaseOwner, lease).SetProperty(m => m.LeaseExpiresAt, until),
                cancellationToken
            );
        return await db
            .OutboxMessages.AsNoTracking()
            .Where(m => m.LeaseOwner == lease)
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => new Claim(m.Id, m.Recipient, m.ProtectedPayload, m.CreatedAt, m.Attempts))
            .ToListAsync(cancellationToken);
    }

    private async Task SendAsync(Claim message, string lease, CancellationToken cancellationToken)
    {
        if (!await RenewAsync(message.Id, lease, cancellationToken))
        {
            return;
        }

        try
        {
            await transport.SendAsync(message.Id, Unprotect(message), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await FailedAsync(message, lease, ex);
            return;
        }

        // Recorded whatever happens to the host now: the server has the message.
        await UpdateLeasedAsync(
            message.Id,
            lease,
            set =>
                set.SetProperty(m => m.SentAt, time.GetUtcNow())
                    .SetProperty(m => m.ProtectedPayload, (string?)null)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null),
            CancellationToken.None
        );
        LogSent(logger, message.Id, message.Recipient);
    }

    private OutgoingEmail Unprotect(Claim message)
    {
        var json = _protector.Unprotect(message.ProtectedPayload ?? throw new CryptographicException("The outbox row has no payload."));
        var payload = JsonSerializer.Deserialize<EmailPayload>(json) ?? throw new CryptographicException("The outbox payload is empty.");
        return new OutgoingEmail(payload.To, payload.Subject, payload.TextBody, payload.HtmlBody, payload.Link);
    }

    private async Task FailedAsync(Claim message, string lease, Exception exception)
    {
        var now = time.GetUtcNow();
        var attempts = message.Attempts + 1;
        var error = SendFailure.Describe(exception);
        var giveUp = SendFailure.IsPermanent(exception) || now - message.CreatedAt >= Settings.GiveUpAfter;
        var next = giveUp ? Never : now + Backoff(attempts);
        var recorded = giveUp ? $"Gave up after {attempts} attempts. {error}" : error;
        await UpdateLeasedAsync(
            message.Id,
            lease,
            set =>
                set.SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, recorded)
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null),
            CancellationToken.None
        );
        if (giveUp)
        {
            LogGaveUp(logger, message.Id, message.Recipient, attempts, error);
        }
        else
        {
            LogFailed(logger, message.Id, message.Recipient, attempts, error, next);
        }
    }

    /// <summary>
    /// Doubling from Email:RetryBaseDelay up to Email:RetryMaxDelay, half of it random, so that the messages
    /// of one outage (and the instances sending them) do not all come back at the same moment.
    /// </summary>
    private TimeSpan Backoff(int attempts)
    {
        var doubled = Settings.RetryBaseDelay.Ticks * Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = (long)Math.Min(doubled, Settings.RetryMaxDelay.Ticks);
        return TimeSpan.FromTicks(delay / 2 + delay / 2 * RandomNumberGenerator.GetInt32(1001) / 1000);
    }

    private async Task<bool> RenewAsync(Guid id, string lease, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + LeaseDuration;
        return await UpdateLeasedAsync(id, lease, set => set.SetProperty(m => m.LeaseExpiresAt, until), cancellationToken) == 1;
    }

    private async Task ReleaseAsync(string lease)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .OutboxMessages.Where(m => m.LeaseOwner == lease)
            .ExecuteUpdateAsync(set =>
                set.SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null)
            );
    }

    /// <summary>Changes the message only while this round still holds it.</summary>
    private async Task<int> UpdateLeasedAsync(
        Guid id,
        string lease,
        Action<UpdateSettersBuilder<OutboxMessage>> set,
        CancellationToken cancellationToken
    )
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .OutboxMessages.Where(m => m.Id == id && m.LeaseOwner == lease && m.SentAt == null)
            .ExecuteUpdateAsync(set, cancellationToken);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private sealed record Claim(Guid Id, string Recipient, string? ProtectedPayload, DateTimeOffset CreatedAt, int Attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent email {MessageId} to {Recipient}")]
    private static partial void LogSent(ILogger logger, Guid messageId, string recipient);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Email {MessageId} to {Recipient} was not sent (attempt {Attempts}): {Error} Next attempt at {NextAttemptAt:u}"
    )]
    private static partial void LogFailed(
        ILogger logger,
        Guid messageId,
        string recipient,
        int attempts,
        string error,
        DateTimeOffset nextAttemptAt
    );

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on email {MessageId} to {Recipient} after {Attempts} attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid messageId, string recipient, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "An email outbox round failed; the next round will try again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
