using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Sentier.Core.Storage;

/// <summary>
/// Reading what the host moved to a <c>-poison</c> queue. A reader there must not fail on a message
/// it cannot read: the host would only move it on to a <c>-poison-poison</c> queue nobody reads. So
/// such a message is logged (its queue and size, never its content) and dropped, and only storage
/// failing repeatedly while the message is handled can poison a poison queue's message.
/// </summary>
public static class PoisonMessages
{
    /// <param name="read">The queue's own reader, which throws <see cref="FormatException"/> or <see cref="JsonException"/> on what it cannot read.</param>
    /// <returns>Whether the message was read; if not, it has been logged and the caller drops it.</returns>
    public static bool TryRead<T>(
        string queue, BinaryData body, Func<BinaryData, T> read, ILogger logger, [NotNullWhen(true)] out T? message)
        where T : class
    {
        try
        {
            message = read(body);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            logger.LogWarning("Dropped an unreadable message ({Bytes} bytes) from {Queue}: {Reason}", body.ToMemory().Length, queue, ex.Message);
            message = null;
            return false;
        }
    }
}
