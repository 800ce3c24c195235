namespace Sentier.Core.Webhooks;

/// <summary>
/// A webhook's host resolved only to addresses <see cref="OutboundAddressPolicy"/> refuses, or its
/// scheme is not allowed. The message is safe for the delivery log and the subscription's owner.
/// </summary>
public sealed class DestinationRefusedException(string reason) : Exception($"refused: {reason}");
