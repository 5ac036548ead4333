using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.UnitTests.Common.Results;

public sealed class ResultFailuresTests
{
    private static readonly Error Denied = Error.Forbidden("No.");

    [Fact]
    public void Failure_of_a_result_without_a_value_carries_the_error()
    {
        var result = ResultFailures.Create<Result>(Denied);

        result.IsSuccess.ShouldBeFalse();
        result.Error.ShouldBe(Denied);
    }

    [Fact]
    public void Failure_of_a_result_with_a_value_carries_the_error_and_has_no_value()
    {
        var result = ResultFailures.Create<Result<IReadOnlyList<string>>>(Denied);

        result.IsSuccess.ShouldBeFalse();
        result.Error.ShouldBe(Denied);
        Should.Throw<InvalidOperationException>(() => result.Value).Message.ShouldContain("forbidden");
    }

    [Fact]
    public void Failures_of_different_result_types_do_not_mix()
    {
        ResultFailures.Create<Result<int>>(Denied).ShouldBeOfType<Result<int>>();
        ResultFailures.Create<Result<string>>(Denied).ShouldBeOfType<Result<string>>();
        ResultFailures.Create<Result>(Denied).ShouldBeOfType<Result>();
    }

    [Fact]
    public void Request_answering_with_something_other_than_a_result_is_a_bug()
    {
        Should.Throw<InvalidOperationException>(() => ResultFailures.Create<string>(Denied)).Message.ShouldContain("String");
    }

    [Theory]
    [InlineData(typeof(Result), true)]
    [InlineData(typeof(Result<int>), true)]
    [InlineData(typeof(Result<Result<int>>), true)]
    [InlineData(typeof(Error), false)]
    [InlineData(typeof(List<int>), false)]
    public void Result_types_are_recognised(Type type, bool isResult)
    {
        ResultFailures.IsResultType(type).ShouldBe(isResult);
    }
}
