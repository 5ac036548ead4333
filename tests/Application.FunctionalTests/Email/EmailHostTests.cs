using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Infrastructure.Email;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Email;

/// <summary>The outbox as a host runs it: the background worker, the pickup directory, a silent server, the settings it refuses.</summary>
public sealed class EmailHostTests(ApplicationFixture app) : EmailTest(app)
{
    [Fact]
    public async Task The_hosted_worker_sends_a_committed_email_on_its_own()
    {
        using var host = EmailHost.Build(
            App,
            new Dictionary<string, string?> { ["Email:Worker:Enabled"] = "true", ["Email:PollInterval"] = "00:00:00.100" }
        );
        await host.StartAsync();
        try
        {
            var id = await EnqueueAsync(host.Services, Invitation("hosted@example.test"));

            var received = await App.Mail.WaitForMessageAsync("hosted@example.test", Wait);

            received.Message.MessageId.ShouldBe($"{id:N}@natero.example");
            (await Poll.UntilAsync(Wait, async () => (await RowAsync(id)).SentAt is not null)).ShouldBeTrue();
        }
        finally
        {
            await host.StopAsync();
        }

        App.Mail.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Without_an_smtp_host_each_email_is_written_to_the_pickup_directory_as_a_parseable_eml_file()
    {
        using var root = new ContentRoot();
        using var host = EmailHost.Build(
            App,
            new Dictionary<string, string?> { ["Email:Smtp:Host"] = "", ["Email:PickupDirectory"] = "outgoing-mail" },
            contentRoot: root.Path
        );
        var email = Invitation("picked.up@example.test");
        var id = await EnqueueAsync(host.Services, email);

        (await host.Services.GetRequiredService<EmailOutboxWorker>().RunOnceAsync(CancellationToken.None)).ShouldBe(1);

        var file = Path.Combine(root.Path, "outgoing-mail", $"{id}.eml");
        File.Exists(file).ShouldBeTrue();
        Directory.GetFiles(Path.Combine(root.Path, "outgoing-mail")).ShouldBe([file]);
        var message = await MimeMessage.LoadAsync(file);
        message.From.Mailboxes.Single().Address.ShouldBe("no-reply@natero.example");
        message.To.Mailboxes.Single().Address.ShouldBe("picked.up@example.test");
        message.Subject.ShouldBe(email.Subject);
        message.TextBody!.ReplaceLineEndings("\n").ShouldBe(email.TextBody);
        message.HtmlBody.ShouldBe(email.HtmlBody);
        var row = await RowAsync(id);
        row.SentAt.ShouldNotBeNull();
        row.ProtectedPayload.ShouldBeNull();
        App.Mail.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task In_development_the_pickup_directory_prints_the_link_to_the_console_and_not_to_the_logs()
    {
        using var root = new ContentRoot();
        using var host = EmailHost.Build(
            App,
            new Dictionary<string, string?> { ["Email:Smtp:Host"] = "", ["Email:PickupDirectory"] = "mail" },
            environment: "Development",
            contentRoot: root.Path
        );
        var email = Invitation("developer@example.test", token: "console-token-91b2");
        await EnqueueAsync(host.Services, email);
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        try
        {
            await host.Services.GetRequiredService<EmailOutboxWorker>().RunOnceAsync(CancellationToken.None);
        }
        finally
        {
            Console.SetOut(original);
        }

        console
            .ToString()
            .ReplaceLineEndings("\n")
            .ShouldBe(
                """
                Email to developer@example.test: You are invited to Natero
                  link: https://natero.test/account/invitation/console-token-91b2

                """.ReplaceLineEndings("\n")
            );
        App.Logs.Lines.ShouldNotContain(line => line.Contains("console-token-91b2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_and_the_message_stays_queued()
    {
        // Connections complete in the kernel's backlog, but no greeting ever comes.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var host = EmailHost.Build(
            App,
            new Dictionary<string, string?>
            {
                ["Email:Smtp:Port"] = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:Smtp:Timeout"] = "00:00:00.500",
            }
        );
        var id = await EnqueueAsync(host.Services, Invitation("waiting@example.test"));

        (await host.Services.GetRequiredService<EmailOutboxWorker>().RunOnceAsync(CancellationToken.None)).ShouldBe(1);

        var row = await RowAsync(id);
        row.LastError.ShouldBe("The SMTP server did not answer within Email:Smtp:Timeout.");
        row.Attempts.ShouldBe(1);
        row.SentAt.ShouldBeNull();
        row.ProtectedPayload.ShouldNotBeNull();
        row.LeaseOwner.ShouldBeNull();
    }

    [Theory]
    [InlineData("smtp.example.com", "None", "Email:Smtp:Security None sends mail and credentials in clear text, so it is allowed only")]
    [InlineData("10.0.0.25", "None", "not to 10.0.0.25. Use StartTls or SslOnConnect.")]
    [InlineData("smtp.example.com", "StartTls", null)]
    [InlineData("localhost", "None", null)]
    [InlineData("127.0.0.1", "None", null)]
    [InlineData("::1", "None", null)]
    public void Plain_smtp_is_allowed_only_to_a_loopback_host(string host, string security, string? refusal)
    {
        using var app = EmailHost.Build(
            App,
            new Dictionary<string, string?> { ["Email:Smtp:Host"] = host, ["Email:Smtp:Security"] = security }
        );

        var options = () => app.Services.GetRequiredService<IOptions<EmailOptions>>().Value;

        if (refusal is null)
        {
            options().Smtp.Host.ShouldBe(host);
        }
        else
        {
            Should.Throw<OptionsValidationException>(options).Message.ShouldContain(refusal);
        }
    }

    [Fact]
    public async Task Start_up_stops_on_plain_smtp_to_a_remote_host_with_a_message_naming_the_setting()
    {
        using var host = EmailHost.Build(
            App,
            new Dictionary<string, string?> { ["Email:Smtp:Host"] = "smtp.example.com", ["Email:Smtp:Security"] = "None" }
        );

        var refused = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        refused.Message.ShouldContain("Email:Smtp:Security None");
        refused.Message.ShouldContain("smtp.example.com");
    }

    [Theory]
    [InlineData("Email:From", "no address here", "Email:From must be one email address")]
    [InlineData("Email:Smtp:Port", "0", "Email:Smtp:Port must be between 1 and 65535")]
    [InlineData("Email:Smtp:Port", "70000", "Email:Smtp:Port must be between 1 and 65535")]
    [InlineData("Email:PublicBaseUrl", "ftp://natero.example.com/", "Email:PublicBaseUrl must be an absolute http or https URL")]
    [InlineData("Email:PublicBaseUrl", "/relative", "Email:PublicBaseUrl must be an absolute http or https URL")]
    [InlineData("Email:Smtp:Username", "mailer", "Email:Smtp:Password is required when Email:Smtp:Username is set.")]
    public void Invalid_email_settings_are_refused_with_a_message_naming_the_key(string key, string value, string refusal)
    {
        using var host = EmailHost.Build(App, new Dictionary<string, string?> { [key] = value });

        Should
            .Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<EmailOptions>>().Value)
            .Message.ShouldContain(refusal);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_public_base_url()
    {
        using var host = EmailHost.BuildWith(App, App.Database.Settings, new Dictionary<string, string?>(), environment: "Production");

        var refused = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        refused.Message.ShouldContain("Email:PublicBaseUrl is required in Production");
    }

    [Theory]
    [InlineData(null, "http://localhost:5080/account/invitation/t")]
    [InlineData("http://+:7001;https://+:7002", "http://localhost:7001/account/invitation/t")]
    [InlineData("https://127.0.0.1:7443", "https://127.0.0.1:7443/account/invitation/t")]
    public void Outside_production_links_default_to_the_first_address_the_app_listens_on(string? urls, string link)
    {
        using var host = EmailHost.BuildWith(App, App.Database.Settings, new Dictionary<string, string?> { ["urls"] = urls });

        host.Services.GetRequiredService<IOptions<EmailOptions>>().Value.LinkTo("/account/invitation/t").ShouldBe(link);
    }

    /// <summary>A content root of its own for a host that writes mail files, removed afterwards.</summary>
    private sealed class ContentRoot : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("natero-email-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
