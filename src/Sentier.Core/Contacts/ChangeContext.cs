namespace Sentier.Core.Contacts;

/// <summary>Who makes a change: its source and the API app whose token the request carried.</summary>
public sealed record ChangeContext(ChangeSource Source, string? AppId);
