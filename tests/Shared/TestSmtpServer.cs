using System.Buffers;
using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;

namespace Natero.Connectors.Tests.Shared;

/// <summary>
/// An SMTP server on 127.0.0.1 for the tests: it keeps what it receives, can refuse every message with a
/// transient 451 (a server that is up but will not take mail), and can be stopped and started again on the
/// same port (a server that is gone: connections are refused).
/// </summary>
public sealed partial class TestSmtpServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedEmail> _messages = [];
    private TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stop;
    private Task? _running;
    private int _refused;

    private TestSmtpServer() { }

    public string Host => IPAddress.Loopback.ToString();

    public int Port { get; private set; }

    public bool IsRunning => _running is not null;

    /// <summary>While true, every message is answered 451 (try again later) and kept nowhere.</summary>
    public bool RefuseAll { get; set; }

    /// <summary>How many messages were refused.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public IReadOnlyList<ReceivedEmail> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The <c>Email:Smtp:*</c> settings that send mail here (plain SMTP, allowed on loopback).</summary>
    public IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = Host,
            ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
        };

    /// <summary>A server on a free port of 127.0.0.1, accepting mail.</summary>
    public static async Task<TestSmtpServer> StartNewAsync()
    {
        var server = new TestSmtpServer();
        await server.StartAsync();
        return server;
    }

    /// <summary>Listens again, on the same port once one was chosen.</summary>
    public Task StartAsync()
    {
        if (_running is not null)
        {
            return Task.CompletedTask;
        }

        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => Port = ((IPEndPoint)e.LocalEndPoint).Port;
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.natero.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        _stop = new CancellationTokenSource();

        // The listener is bound before StartAsync first yields, so the port is known and open on return.
        var running = new SmtpServerHost(options, services).StartAsync(_stop.Token);
        if (running.IsFaulted)
        {
            _stop.Dispose();
            _stop = null;
            return running;
        }

        _running = running;
        return Task.CompletedTask;
    }

    /// <summary>Closes the port and ends every session: a client now gets "connection refused".</summary>
    public async Task StopAsync()
    {
        if (_running is null || _stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException) { }

        _stop.Dispose();
        (_running, _stop) = (null, null);
    }

    /// <summary>Forgets every message, accepts mail again, and listens if it was stopped.</summary>
    public async Task ResetAsync()
    {
        lock (_lock)
        {
            _messages.Clear();
        }

        RefuseAll = false;
        Interlocked.Exchange(ref _refused, 0);
        await StartAsync();
    }

    /// <summary>The first message to <paramref name="to"/>, waiting for it up to <paramref name="timeout"/>.</summary>
    public Task<ReceivedEmail> WaitForMessageAsync(string to, TimeSpan timeout) => WaitForMessageAsync(to, null, timeout);

    /// <summary>
    /// The first message to <paramref name="to"/> whose subject holds <paramref name="subject"/>, waiting up to <paramref
    /// name="timeout"/>.
    /// </summary>
    public async Task<ReceivedEmail> WaitForMessageAsync(string to, string? subject, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task received;
            lock (_lock)
            {
                var message = _messages.FirstOrDefault(m =>
                    m.IsFor(to) && (subject is null || m.Subject.Contains(subject, StringComparison.Ordinal))
                );
                if (message is not null)
                {
                    return message;
                }

                received = _received.Task;
            }

            try
            {
                await received.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"No email to {to} arrived within {timeout}; {Messages.Count} others did, {Refused} were refused."
                );
            }
        }
    }

    /// <summary>The first absolute URL in <paramref name="body"/> whose path contains <paramref name="pathPrefix"/>.</summary>
    public static string ExtractLink(string body, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Url()
            .Matches(body)
            .Select(m => m.Value.TrimEnd('.', ',', ')', '>', '"', '\''))
            .FirstOrDefault(url =>
                Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsolutePath.Contains(pathPrefix, StringComparison.Ordinal)
            )
            ?? throw new InvalidOperationException($"No link to {pathPrefix} in the message.");
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Add(ReceivedEmail message)
    {
        lock (_lock)
        {
            _messages.Add(message);
            _received.TrySetResult();
            _received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    [GeneratedRegex(@"https?://[^\s<>""']+")]
    private static partial Regex Url();

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        private static readonly SmtpResponse TryLater = new(SmtpReplyCode.Aborted, "4.3.0 Try again later");

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context,
            IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken
        )
        {
            if (server.RefuseAll)
            {
                Interlocked.Increment(ref server._refused);
                return TryLater;
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            server.Add(new ReceivedEmail(transaction.From.AsAddress(), [.. transaction.To.Select(to => to.AsAddress())], message));
            return SmtpResponse.Ok;
        }
    }
}
