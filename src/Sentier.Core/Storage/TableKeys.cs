namespace Sentier.Core.Storage;

/// <summary>
/// Table Storage refuses <c>/ \ # ?</c> and control characters in PartitionKey and RowKey and keys
/// over 1 KiB. Anything that reaches a key from outside is checked here first, so a bad id is a
/// clean 400 or 404 instead of a storage error.
/// </summary>
public static class TableKeys
{
    public const int MaxLength = 512;

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An OData string literal for a filter: single quotes are doubled.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
