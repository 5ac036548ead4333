using System.Text;

namespace Natero.Connectors.Application.Common.Telemetry;

/// <summary>Enum values as the snake_case words tags use (<c>TokenRejected</c> becomes <c>token_rejected</c>).</summary>
public static class TelemetryWords
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                words.Append('_');
            }

            words.Append(char.ToLowerInvariant(name[i]));
        }

        return words.ToString();
    }
}
