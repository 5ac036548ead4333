using FluentValidation;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.Common.Behaviours;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.UnitTests.Fakes;

namespace Natero.Connectors.Application.UnitTests.Common.Behaviours;

public sealed class ValidationBehaviourTests
{
    private readonly RecordingLogger<ValidationBehaviour<RenameCommand, Result<string>>> _logger = new();
    private readonly Handler<RenameCommand> _handler = new();

    [Fact]
    public async Task Invalid_request_gets_a_validation_error_listing_each_field_and_its_messages()
    {
        var result = await Run(new RenameCommand(Name: "", Slug: "x"), new RenameValidator(), new SlugNotReservedValidator());

        var error = result.Error.ShouldNotBeNull();
        error.Kind.ShouldBe(ErrorKind.Validation);
        error.Message.ShouldBe("Enter a name.");
        error.Fields.Keys.ShouldBe(["Name", "Slug"], ignoreOrder: true);
        error.Fields["Name"].ShouldBe(["Enter a name."]);
        error.Fields["Slug"].ShouldBe(["Use at least 2 characters.", "That slug is reserved."], ignoreOrder: true);
        _handler.WasCalled.ShouldBeFalse();
    }

    [Fact]
    public async Task Rejected_request_is_logged_as_a_warning_naming_the_fields_not_their_values()
    {
        await Run(new RenameCommand(Name: "", Slug: "secret-value"), new RenameValidator());

        var (level, message) = _logger.Entries.ShouldHaveSingleItem();
        level.ShouldBe(LogLevel.Warning);
        message.ShouldContain("Name");
        message.ShouldNotContain("secret-value");
    }

    [Fact]
    public async Task Valid_request_reaches_the_handler()
    {
        var result = await Run(new RenameCommand("Acme", "acme"), new RenameValidator(), new SlugNotReservedValidator());

        result.Value.ShouldBe("handled");
        _handler.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Request_without_a_validator_reaches_the_handler()
    {
        var result = await Run(new RenameCommand("", ""));

        result.Value.ShouldBe("handled");
    }

    private ValueTask<Result<string>> Run(RenameCommand command, params IValidator<RenameCommand>[] validators) =>
        new ValidationBehaviour<RenameCommand, Result<string>>(validators, _logger).Handle(
            command,
            _handler.Next,
            TestContext.Current.CancellationToken
        );

    private sealed class RenameValidator : AbstractValidator<RenameCommand>
    {
        public RenameValidator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter a name.");
            RuleFor(c => c.Slug).MinimumLength(2).WithMessage("Use at least 2 characters.");
        }
    }

    private sealed class SlugNotReservedValidator : AbstractValidator<RenameCommand>
    {
        public SlugNotReservedValidator() =>
            RuleFor(c => c.Slug).Must(s => s is not ("x" or "api" or "platform")).WithMessage("That slug is reserved.");
    }
}
