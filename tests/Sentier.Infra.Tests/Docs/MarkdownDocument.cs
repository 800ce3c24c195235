using System.Text.RegularExpressions;

namespace Sentier.Infra.Tests.Docs;

/// <summary>A Markdown file of the repository, read by its <c>##</c> sections and fenced code blocks.</summary>
internal sealed partial class MarkdownDocument(string text)
{
    public static MarkdownDocument Load(params string[] path) => new(File.ReadAllText(Repository.PathOf(path)));

    /// <summary>The text under the <c>## {heading}</c> line, up to the next <c>##</c> heading.</summary>
    public string Section(string heading)
    {
        var start = text.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The document has no '## {heading}' section.");
        var body = start + heading.Length + 5;
        var end = text.IndexOf("\n## ", body, StringComparison.Ordinal);
        return end < 0 ? text[body..] : text[body..end];
    }

    /// <summary>The contents of the <c>```{language}</c> blocks of <paramref name="section"/>, in order.</summary>
    public static IReadOnlyList<string> CodeBlocks(string section, string language) =>
        [.. FencedBlock().Matches(section).Where(match => match.Groups["language"].Value == language).Select(match => match.Groups["code"].Value)];

    [GeneratedRegex(@"^```(?<language>[a-z]*)\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
