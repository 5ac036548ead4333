namespace Natero.Connectors.Application.Common.Providers;

/// <summary>
/// The one way a provider's name, as a person, a route or a client wrote it, becomes the key Natero stores
/// and looks providers up by: trimmed and lower case, so that <c>" Acme CRM"</c> and <c>acme crm</c> are one.
/// </summary>
public static class ProviderKeys
{
    public static string Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        // Keys are short lower-case words; the common case costs no allocation.
        return name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_') ? name : name.Trim().ToLowerInvariant();
    }
}
