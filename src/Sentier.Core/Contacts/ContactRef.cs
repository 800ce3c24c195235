namespace Sentier.Core.Contacts;

/// <summary>
/// A contact as a request names it: by id, or by email. A contact named by email is looked up
/// through the email index on every read, and used only while it still has that email.
/// </summary>
public sealed record ContactRef
{
    private ContactRef(long? id, string? email) => (Id, Email) = (id, email);

    public long? Id { get; }

    /// <summary>Normalised, as the email index keys it.</summary>
    public string? Email { get; }

    public static ContactRef ById(long id) => new(id, null);

    public static ContactRef ByEmail(string normalizedEmail) => new(null, normalizedEmail);
}
