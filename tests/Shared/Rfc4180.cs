using System.Text;

namespace Natero.Connectors.Tests.Shared;

/// <summary>
/// A strict RFC 4180 reader, independent of the library that writes the files: records end with CRLF,
/// a field is either bare (no quote, comma, CR or LF) or enclosed in quotes with inner quotes doubled.
/// Anything else fails the test that reads it.
/// </summary>
public static class Rfc4180
{
    public static List<string[]> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("A quoted field is not closed.");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"')
                    {
                        throw new FormatException($"A bare field holds a quote at {i}.");
                    }

                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i >= text.Length)
            {
                throw new FormatException("The last record does not end with CRLF.");
            }

            if (text[i] == ',')
            {
                i++;
                continue;
            }

            if (text[i] != '\r' || i + 1 >= text.Length || text[i + 1] != '\n')
            {
                throw new FormatException($"A record ends with something other than CRLF at {i}.");
            }

            i += 2;
            records.Add([.. fields]);
            fields.Clear();
        }

        if (fields.Count > 0)
        {
            throw new FormatException("The last record does not end with CRLF.");
        }

        return records;
    }
}
