using System.Buffers.Text;
using System.Text;
using Sentier.Core.Storage;

namespace Sentier.Core.Common;

/// <summary>
/// An opaque, URL-safe wrapper around the last row key of a page. It carries no account or
/// partition, so a token can never move a caller outside the partition its own request names.
/// </summary>
public static class ContinuationToken
{
    private const string Prefix = "v1:";

    public static string Encode(string lastRowKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + lastRowKey));

    public static string Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Trim()));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) && TableKeys.IsValid(text[Prefix.Length..]))
            {
                return text[Prefix.Length..];
            }
        }
        catch (FormatException)
        {
            // Falls through to the uniform error below: a caller learns nothing about the format.
        }

        throw new InvalidRequestException("'Continuation' is not a token this API issued.");
    }
}
