using Natero.Connectors.Application.Common.Providers;

namespace Natero.Connectors.Application.UnitTests.Common.Providers;

public sealed class ProviderKeysTests
{
    [Theory]
    [InlineData("salesforce", "salesforce")]
    [InlineData("Salesforce", "salesforce")]
    [InlineData(" SALESFORCE\t", "salesforce")]
    [InlineData("hub-spot_2", "hub-spot_2")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_provider_name_as_written_becomes_its_one_key(string? written, string key) =>
        ProviderKeys.Normalize(written).ShouldBe(key);

    [Fact]
    public void A_key_already_normal_is_returned_as_it_is()
    {
        const string Key = "salesforce";

        ProviderKeys.Normalize(Key).ShouldBeSameAs(Key);
    }
}
