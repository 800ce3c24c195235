using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sentier.Core.Webhooks;

namespace Sentier.Infra.Tests.Docs;

/// <summary>
/// The C#, Node and Python verifiers of docs/webhooks.md, run exactly as printed there: each prints
/// true for its own example, and, called on requests this test signs with a secret of its own (the
/// Standard Webhooks scheme computed here, and Sentier's signer during a rotation), accepts the
/// genuine ones and refuses tampered, unsigned and stale ones. The three runtimes are on every
/// machine the suite runs on (the .NET SDK builds it, Node.js runs Azurite, Python 3 is part of the
/// machine image and of GitHub's ubuntu-latest); a missing one fails the test rather than skip it.
/// </summary>
public sealed class WebhookVerificationSnippetsAcceptOnlyGenuineRequests
{
    private const long SignedAt = 1_767_225_600;

    private static readonly string Section = MarkdownDocument.Load("docs", "webhooks.md").Section("Verifying a signature");

    private static readonly string Secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static readonly string OtherSecret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"id":"evt_0f1e2d3c4b5a69788796a5b4c3d2e1f0","type":"contact_updated","data":{"contact":{"first_name":"תמר","city":"Zürich"},"version":7}}""");

    private const string MessageId = "msg_5d41402abc4b2a76b9719d911017c592";

    public static TheoryData<string> Languages => ["csharp", "js", "python"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void PrintsTrueForTheDocumentedExample(string language)
    {
        var output = Run(language, Snippet(language), casesFile: null);

        Assert.Equal("true", output.Trim().ToLowerInvariant());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void AcceptsGenuineRequestsAndRefusesTheRest(string language)
    {
        var cases = Cases();
        var casesFile = Path.Combine(Directory.CreateTempSubdirectory("sentier-snippet-cases-").FullName, "cases.jsonl");
        File.WriteAllLines(casesFile, cases.Select(c => JsonSerializer.Serialize(new
        {
            secret = Secret,
            id = c.Id,
            timestamp = c.Timestamp,
            body = Convert.ToBase64String(c.Body),
            signature = c.Signature,
            now = c.Now,
        })));

        var answers = Run(language, FunctionOnly(Snippet(language)) + Driver(language), casesFile)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(cases.Count, answers.Length);
        var wrong = cases.Zip(answers)
            .Where(pair => pair.First.Genuine != bool.Parse(pair.Second))
            .Select(pair => $"{pair.First.Name}: answered {pair.Second}")
            .ToList();
        Assert.True(wrong.Count == 0, $"The {language} snippet judged wrongly: {string.Join("; ", wrong)}");
    }

    private static List<Case> Cases()
    {
        var timestamp = SignedAt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var genuine = Sign(Secret, MessageId, timestamp, Body);
        var byOther = Sign(OtherSecret, MessageId, timestamp, Body);
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 0x01;
        return
        [
            new("signed with the secret", true, MessageId, timestamp, Body, genuine, SignedAt),
            new("rotation, the secret's entry second", true, MessageId, timestamp, Body, $"{byOther} {genuine}", SignedAt),
            new("rotation as Sentier signs it", true, MessageId, timestamp, Body,
                WebhookSignature.Sign(MessageId, SignedAt, Body, [OtherSecret, Secret]), SignedAt),
            new("an unknown version's entry beside a valid one", true, MessageId, timestamp, Body, $"v1a,{genuine[3..]} {genuine}", SignedAt),
            new("5 minutes late, the last second allowed", true, MessageId, timestamp, Body, genuine, SignedAt + 300),
            new("5 minutes early", true, MessageId, timestamp, Body, genuine, SignedAt - 300),
            new("signed with another secret only", false, MessageId, timestamp, Body, byOther, SignedAt),
            new("body changed after signing", false, MessageId, timestamp, tampered, genuine, SignedAt),
            new("another webhook-id", false, "msg_5d41402abc4b2a76b9719d911017c593", timestamp, Body, genuine, SignedAt),
            new("another webhook-timestamp", false, MessageId, (SignedAt + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Body, genuine, SignedAt),
            new("replayed after 5 minutes", false, MessageId, timestamp, Body, genuine, SignedAt + 301),
            new("timestamp in the future beyond 5 minutes", false, MessageId, timestamp, Body, genuine, SignedAt - 301),
            new("the right signature under another version", false, MessageId, timestamp, Body, "v2" + genuine[2..], SignedAt),
            new("no webhook-signature", false, MessageId, timestamp, Body, null, SignedAt),
            new("no webhook-id", false, null, timestamp, Body, genuine, SignedAt),
            new("no webhook-timestamp", false, MessageId, null, Body, genuine, SignedAt),
        ];
    }

    /// <summary>Standard Webhooks' scheme, from the spec text: base64 HMAC-SHA256 of <c>id.timestamp.body</c>, keyed with the secret's decoded bytes.</summary>
    private static string Sign(string secret, string id, string timestamp, byte[] body)
    {
        byte[] signedContent = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body];
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), signedContent));
    }

    private static string Snippet(string language) =>
        Assert.Single(MarkdownDocument.CodeBlocks(Section, language));

    /// <summary>The snippet up to its example call, which the documented example marks.</summary>
    private static string FunctionOnly(string snippet)
    {
        var example = snippet.IndexOf("The example above", StringComparison.Ordinal);
        Assert.True(example > 0, "The snippet no longer marks its example call with 'The example above'.");
        return snippet[..snippet.LastIndexOf('\n', example)] + "\n";
    }

    /// <summary>Reads the cases file named by the first argument and prints the verifier's answer to each, one per line.</summary>
    private static string Driver(string language) => language switch
    {
        "csharp" => """
            foreach (var line in File.ReadAllLines(args[0]))
            {
                var c = System.Text.Json.JsonDocument.Parse(line).RootElement;
                Console.WriteLine(VerifyWebhook(
                    c.GetProperty("secret").GetString()!, c.GetProperty("id").GetString(), c.GetProperty("timestamp").GetString(),
                    Convert.FromBase64String(c.GetProperty("body").GetString()!), c.GetProperty("signature").GetString(),
                    DateTimeOffset.FromUnixTimeSeconds(c.GetProperty("now").GetInt64())));
            }
            """,
        "js" => """
            for (const line of require("node:fs").readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean)) {
              const c = JSON.parse(line);
              const headers = {};
              if (c.id !== null) headers["webhook-id"] = c.id;
              if (c.timestamp !== null) headers["webhook-timestamp"] = c.timestamp;
              if (c.signature !== null) headers["webhook-signature"] = c.signature;
              console.log(verifyWebhook(c.secret, headers, Buffer.from(c.body, "base64"), c.now));
            }
            """,
        "python" => """
            import json, sys
            with open(sys.argv[1], encoding="utf-8") as cases:
                for line in cases:
                    c = json.loads(line)
                    headers = {name: c[key] for name, key in (("webhook-id", "id"), ("webhook-timestamp", "timestamp"), ("webhook-signature", "signature")) if c[key] is not None}
                    print(verify_webhook(c["secret"], headers, base64.b64decode(c["body"]), now=c["now"]))
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(language)),
    };

    /// <returns>What the program printed; fails the test when it could not run or exited non-zero.</returns>
    private static string Run(string language, string program, string? casesFile)
    {
        var folder = Directory.CreateTempSubdirectory("sentier-snippet-").FullName;
        var (file, executable, arguments) = language switch
        {
            "csharp" => ("verify.cs", DotnetHost(), new List<string> { "run", "verify.cs", "--" }),
            "js" => ("verify.js", "node", []),
            "python" => ("verify.py", "python3", []),
            _ => throw new ArgumentOutOfRangeException(nameof(language)),
        };
        File.WriteAllText(Path.Combine(folder, file), program);
        if (language != "csharp")
        {
            arguments.Add(file);
        }

        if (casesFile is not null)
        {
            arguments.Add(casesFile);
        }

        ProcessResult result;
        try
        {
            // Outside the repository, so the snippet builds as a reader's file would, without the
            // repository's Directory.Build.props.
            result = Repository.Run(executable, arguments, folder);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"'{executable}' could not be started ({ex.Message}): the {language} snippet of docs/webhooks.md needs it on this machine.", ex);
        }

        Assert.True(result.ExitCode == 0, $"The {language} snippet exited with {result.ExitCode}:\n{result.StandardOutput}\n{result.StandardError}");
        return result.StandardOutput;
    }

    /// <summary>The muxer running this test (set by the SDK); otherwise the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    private sealed record Case(string Name, bool Genuine, string? Id, string? Timestamp, byte[] Body, string? Signature, long Now);
}
