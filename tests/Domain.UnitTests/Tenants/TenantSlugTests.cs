using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Domain.UnitTests.Tenants;

public sealed class TenantSlugTests
{
    [Theory]
    [InlineData("acme", "acme")]
    [InlineData("ab", "ab")]
    [InlineData("acme-corp-2", "acme-corp-2")]
    [InlineData("42", "42")]
    [InlineData("ACME-Corp", "acme-corp")]
    [InlineData("  acme  ", "acme")]
    [InlineData(
        "a23456789012345678901234567890123456789012345678901234567890123",
        "a23456789012345678901234567890123456789012345678901234567890123"
    )]
    public void Valid_slug_is_accepted_in_its_normalised_form(string input, string expected)
    {
        TenantSlug.TryParse(input, out var slug).ShouldBeTrue();

        slug.Value.ShouldBe(expected);
        TenantSlug.Parse(input).ShouldBe(slug);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("acme--corp")]
    [InlineData("acme corp")]
    [InlineData("acme_corp")]
    [InlineData("acme.corp")]
    [InlineData("acme/corp")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    [InlineData("café")]
    [InlineData("münchen")]
    [InlineData("ａｃｍｅ")]
    [InlineData("日本")]
    public void Invalid_slug_is_refused(string? input)
    {
        TenantSlug.TryParse(input, out _).ShouldBeFalse();
        Should.Throw<DomainException>(() => TenantSlug.Parse(input));
    }
}
