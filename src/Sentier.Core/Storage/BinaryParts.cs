using Azure.Data.Tables;

namespace Sentier.Core.Storage;

/// <summary>
/// Bytes longer than one binary property may hold (64 KiB), kept in one row as consecutive parts
/// <c>Name</c>, <c>Name2</c>, <c>Name3</c>… of at most <see cref="PartBytes"/> each. Every row
/// that stores a large blob (change records, delivery payloads) reads and writes it through here.
/// </summary>
public static class BinaryParts
{
    /// <summary>Bytes per part: under the 64 KiB property limit with room to spare.</summary>
    public const int PartBytes = 60 * 1024;

    /// <summary>A part's property name, its quotes, colon, comma and binary type annotation, at most.</summary>
    public const int PartPropertyBytes = 64;

    public static void Write(TableEntity entity, string name, byte[] bytes)
    {
        for (var part = 0; part < PartCount(bytes.Length); part++)
        {
            var start = part * PartBytes;
            entity[PartName(name, part)] = bytes[start..Math.Min(bytes.Length, start + PartBytes)];
        }
    }

    /// <summary>The parts joined again; null when the row has no part of that name.</summary>
    public static byte[]? Read(TableEntity entity, string name)
    {
        if (entity.GetBinary(name) is not { } first)
        {
            return null;
        }

        var bytes = new List<byte>(first);
        for (var part = 1; entity.GetBinary(PartName(name, part)) is { } next; part++)
        {
            bytes.AddRange(next);
        }

        return bytes.ToArray();
    }

    /// <summary>At least what <paramref name="length"/> bytes in parts add to a row as the storage client sends it (base64 and names).</summary>
    public static long WireBytesBound(long length) => TransactionSize.Base64Bytes(length) + PartCount(length) * PartPropertyBytes;

    public static int PartCount(long length) => (int)((length + PartBytes - 1) / PartBytes);

    private static string PartName(string name, int part) => part == 0 ? name : name + (part + 1);
}
