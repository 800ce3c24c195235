namespace Sentier.Core.Common;

/// <summary>Caller-supplied text quoted in an error message, cut short so a huge value cannot bloat the response.</summary>
public static class MessageText
{
    public const int MaxQuotedLength = 64;

    public static string Clip(string value) => Clip(value, MaxQuotedLength);

    public static string Clip(string value, int maxLength) =>
        value.Length <= maxLength ? value : value[..maxLength] + "…";
}
