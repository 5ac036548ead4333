using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Webhooks;

namespace Natero.Connectors.Application.FunctionalTests.Webhooks;

/// <summary>The transport as the app composes it, and the <c>Webhooks</c> settings it refuses.</summary>
public sealed class WebhookTransportRegistrationTests(ApplicationFixture app)
{
    [Fact]
    public void The_app_composes_the_webhook_transport_with_the_default_settings()
    {
        app.Services.GetRequiredService<IWebhookUrlPolicy>().ShouldNotBeNull();
        app.Services.GetRequiredService<IWebhookSender>().ShouldNotBeNull();
        var options = app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        options.AllowLoopbackHttp.ShouldBeTrue("the test app lets its receivers on loopback through");
        options.MaxAttemptsWindow.ShouldBe(TimeSpan.FromDays(3));
    }

    [Fact]
    public void Loopback_http_is_off_unless_configured()
    {
        new WebhookOptions().AllowLoopbackHttp.ShouldBeFalse();
        using var host = WebhookTransportHost.Create();
        host.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowLoopbackHttp.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Webhooks:Timeout", "00:00:00.500", "Webhooks:Timeout must be between 1 and 60 seconds")]
    [InlineData("Webhooks:Timeout", "00:01:01", "Webhooks:Timeout must be between 1 and 60 seconds")]
    [InlineData("Webhooks:MaxResponseBytes", "255", "Webhooks:MaxResponseBytes must be between 256 and 65536.")]
    [InlineData("Webhooks:MaxResponseBytes", "65537", "Webhooks:MaxResponseBytes must be between 256 and 65536.")]
    [InlineData("Webhooks:MaxAttemptsWindow", "00:59:00", "Webhooks:MaxAttemptsWindow must be between 1 hour and 30 days")]
    [InlineData("Webhooks:MaxAttemptsWindow", "30.00:00:01", "Webhooks:MaxAttemptsWindow must be between 1 hour and 30 days")]
    public void Invalid_webhook_settings_are_refused_with_a_message_naming_the_key(string key, string value, string refusal)
    {
        using var host = WebhookTransportHost.Create(settings: new Dictionary<string, string?> { [key] = value });

        Should.Throw<OptionsValidationException>(() => host.Options).Message.ShouldContain(refusal);
    }

    [Theory]
    [InlineData("Webhooks:Timeout", "00:00:01")]
    [InlineData("Webhooks:Timeout", "00:01:00")]
    [InlineData("Webhooks:MaxResponseBytes", "256")]
    [InlineData("Webhooks:MaxResponseBytes", "65536")]
    [InlineData("Webhooks:MaxAttemptsWindow", "01:00:00")]
    [InlineData("Webhooks:MaxAttemptsWindow", "30.00:00:00")]
    public void Webhook_settings_at_their_bounds_are_accepted(string key, string value)
    {
        using var host = WebhookTransportHost.Create(settings: new Dictionary<string, string?> { [key] = value });

        host.Options.ShouldNotBeNull();
    }
}
