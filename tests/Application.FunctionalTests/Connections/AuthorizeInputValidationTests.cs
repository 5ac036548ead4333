using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>
/// Starting an authorization now and leaving a link for it later take one input with one set of rules: the same
/// bad input is refused by both, with the same words on the same field, and leaves nothing behind.
/// </summary>
public sealed class AuthorizeInputValidationTests(ApplicationFixture app) : ConnectionsTest(app)
{
    public static TheoryData<string, string, string?, string?, string, string> BadInputs { get; } =
        new()
        {
            { "salesforce", "MyDomain", null, null, "Host", "Enter your My Domain" },
            { "salesforce", "MyDomain", "https://evil.example", null, "Host", "evil.example is not a Salesforce host" },
            { "salesforce", "MyDomain", "acme.my.salesforce.com/path", null, "Host", "without a path" },
            { "salesforce", "Production", new string('a', 254), null, "Host", "253 characters or fewer" },
            { "salesforce", "MyDomain", new string('a', 100_000), null, "Host", "253 characters or fewer" },
            { "salesforce", "Production", null, "https://evil.example/", "ReturnUrl", "a path within Natero" },
            { "salesforce", "Production", null, "//evil.example/", "ReturnUrl", "a path within Natero" },
            { "salesforce", "Production", null, "/\\evil.example", "ReturnUrl", "a path within Natero" },
            { "nosuchcrm", "Production", null, null, "Provider", "is not a provider Natero can connect" },
            { "", "Production", null, null, "Provider", "Choose a provider." },
            { "salesforce", "Nowhere", null, null, "Environment", "Choose Production, Sandbox or My Domain." },
        };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task The_authorize_command_and_the_authorization_link_refuse_the_same_input_with_the_same_words(
        string provider,
        string environment,
        string? myDomainHost,
        string? returnUrl,
        string field,
        string words
    )
    {
        var started = await App.SendAsync(
            new AuthorizeProviderCommand(provider, environment, myDomainHost, returnUrl),
            Admin,
            TestUsers.DemoTenant
        );
        var linked = await App.SendAsync(
            new CreateAuthorizationLinkCommand(provider, environment, myDomainHost, returnUrl),
            Admin,
            TestUsers.DemoTenant
        );

        started.Error!.Kind.ShouldBe(ErrorKind.Validation);
        linked.Error!.Kind.ShouldBe(ErrorKind.Validation);
        started.Error.Message.ShouldContain(words);
        linked.Error.Message.ShouldBe(started.Error.Message);
        started.Error.Fields.Keys.ShouldBe([field]);
        linked.Error.Fields.Keys.ShouldBe([field]);
        linked.Error.Fields[field].ShouldBe(started.Error.Fields[field]);
        (await AttemptsAsync()).ShouldBeEmpty();
        (await App.QueryDbAsync(db => db.AuthorizationLinks.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Both_take_the_provider_name_as_written_and_store_its_one_key()
    {
        var started = await App.SendAsync(
            new AuthorizeProviderCommand(" Salesforce ", "Production", null, null),
            Admin,
            TestUsers.DemoTenant
        );
        var linked = await App.SendAsync(
            new CreateAuthorizationLinkCommand("SALESFORCE", "Production", null, "/t/demo"),
            Admin,
            TestUsers.DemoTenant
        );

        started.IsSuccess.ShouldBeTrue(started.Error?.Message);
        linked.IsSuccess.ShouldBeTrue(linked.Error?.Message);
        (await AttemptsAsync()).ShouldHaveSingleItem().Provider.ShouldBe("salesforce");
        (await App.QueryDbAsync(db => db.AuthorizationLinks.IgnoreQueryFilters().SingleAsync())).Provider.ShouldBe("salesforce");
    }
}
