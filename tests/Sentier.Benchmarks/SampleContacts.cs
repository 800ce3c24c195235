using System.Globalization;
using System.Text.Json;

namespace Sentier.Benchmarks;

/// <summary>
/// Contacts as a mailing list export holds them: a unique email, first and last name, a city and
/// a phone. Deterministic by serial number, so the import and the one-by-one calls send the same
/// field set and sizes, and a rerun sends the same data.
/// </summary>
public static class SampleContacts
{
    private static readonly string[] FirstNames =
        ["Noa", "Yosef", "Tamar", "David", "Maya", "Ariel", "Shira", "Daniel", "Yael", "Omer", "Michal", "Itai", "Rachel", "Eitan", "Lior", "Hila"];

    private static readonly string[] LastNames =
        ["Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Dahan", "Avraham", "Friedman", "Azulai", "Katz", "Malka", "Goldberg", "Shapiro", "Ohana"];

    private static readonly string[] Cities =
        ["Tel Aviv", "Jerusalem", "Haifa", "Rishon LeZion", "Petah Tikva", "Ashdod", "Netanya", "Beersheba", "Holon", "Ramat Gan"];

    private static readonly string[] Domains = ["gmail.com", "walla.co.il", "yahoo.com", "outlook.com", "example-corp.co.il"];

    /// <summary>The contact with this serial; <paramref name="run"/> keeps emails unique across accounts sharing a storage.</summary>
    public static Dictionary<string, object> Create(string run, int serial)
    {
        var first = FirstNames[serial % FirstNames.Length];
        var last = LastNames[serial / FirstNames.Length % LastNames.Length];
        return new Dictionary<string, object>
        {
            ["email"] = string.Create(CultureInfo.InvariantCulture, $"{first}.{last}.{run}{serial}@{Domains[serial % Domains.Length]}").ToLowerInvariant(),
            ["first_name"] = first,
            ["last_name"] = last,
            ["city"] = Cities[serial / 7 % Cities.Length],
            ["phone1"] = string.Create(CultureInfo.InvariantCulture, $"05{serial % 10}-{1_000_000 + serial * 7919 % 9_000_000:D7}"),
        };
    }

    /// <summary>An Import body: <c>{group, contacts: [...]}</c>, serialised ahead of the measurement.</summary>
    public static byte[] ImportBody(long groupId, string run, int firstSerial, int count) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            group = groupId,
            contacts = Enumerable.Range(firstSerial, count).Select(serial => Create(run, serial)).ToList(),
        });

    public static byte[] ContactBody(string run, int serial) => JsonSerializer.SerializeToUtf8Bytes(Create(run, serial));
}
