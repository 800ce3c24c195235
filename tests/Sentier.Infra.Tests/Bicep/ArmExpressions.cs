using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Sentier.Infra.Tests.Bicep;

/// <summary>
/// Evaluates a compiled template's values for given parameter values, for the few ARM functions a
/// conditional setting compiles to (<c>if</c>, <c>not</c>, <c>empty</c>, <c>parameters</c>,
/// <c>variables</c>, <c>createArray</c>, <c>createObject</c>). Any other function fails the test
/// that met it, naming the function, rather than being guessed at.
/// </summary>
internal sealed class ArmExpressions(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameters)
{
    /// <summary>A value with every expression in it (at any depth) evaluated.</summary>
    public JsonNode? Evaluate(JsonNode? value) => value switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Evaluate(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Evaluate)]),
        JsonValue text when text.TryGetValue<string>(out var s) && s.StartsWith('[') && !s.StartsWith("[[", StringComparison.Ordinal) && s.EndsWith(']') =>
            new Parser(this, s[1..^1]).ParseWhole(),
        _ => value?.DeepClone(),
    };

    private JsonNode? Parameter(string name)
    {
        if (parameters.TryGetValue(name, out var given))
        {
            return given?.DeepClone();
        }

        var declared = template["parameters"]?[name] ?? throw new InvalidOperationException($"Parameter '{name}' is not declared.");
        return Evaluate(declared["defaultValue"] ?? throw new InvalidOperationException($"Parameter '{name}' has no value and no default."));
    }

    private JsonNode? Variable(string name) =>
        Evaluate(template["variables"]?[name] ?? throw new InvalidOperationException($"Variable '{name}' is not declared."));

    private JsonNode? Call(string function, List<JsonNode?> args) => function.ToLowerInvariant() switch
    {
        "if" => Truth(args[0]) ? args[1] : args[2],
        "not" => JsonValue.Create(!Truth(args[0])),
        "empty" => JsonValue.Create(args[0] switch
        {
            null => true,
            JsonArray array => array.Count == 0,
            JsonObject obj => obj.Count == 0,
            JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
            _ => false,
        }),
        "parameters" => Parameter(args[0]!.GetValue<string>()),
        "variables" => Variable(args[0]!.GetValue<string>()),
        "createarray" => new JsonArray([.. args]),
        "createobject" => new JsonObject(args.Chunk(2).Select(pair => KeyValuePair.Create(pair[0]!.GetValue<string>(), pair[1]))),
        _ => throw new NotSupportedException($"ARM function '{function}' is not evaluated by these tests."),
    };

    private static bool Truth(JsonNode? value) => value!.GetValue<bool>();

    /// <summary>Recursive descent over ARM's expression syntax: literals, calls, and <c>.property</c> access.</summary>
    private sealed class Parser(ArmExpressions owner, string text)
    {
        private int _at;

        public JsonNode? ParseWhole()
        {
            var value = ParseValue();
            SkipSpace();
            return _at == text.Length ? value : throw new FormatException($"Unexpected text at {_at} in [{text}].");
        }

        private JsonNode? ParseValue()
        {
            SkipSpace();
            JsonNode? value;
            if (text[_at] == '\'')
            {
                value = JsonValue.Create(ParseString());
            }
            else if (char.IsDigit(text[_at]) || text[_at] == '-')
            {
                var start = _at++;
                while (_at < text.Length && char.IsDigit(text[_at]))
                {
                    _at++;
                }

                value = JsonValue.Create(long.Parse(text[start.._at], CultureInfo.InvariantCulture));
            }
            else
            {
                var name = ParseName();
                value = name switch
                {
                    "true" => JsonValue.Create(true),
                    "false" => JsonValue.Create(false),
                    _ => owner.Call(name, ParseArguments()),
                };
            }

            while (_at < text.Length && text[_at] == '.')
            {
                _at++;
                value = value![ParseName()]?.DeepClone();
            }

            return value;
        }

        private List<JsonNode?> ParseArguments()
        {
            Expect('(');
            var args = new List<JsonNode?>();
            SkipSpace();
            if (text[_at] == ')')
            {
                _at++;
                return args;
            }

            while (true)
            {
                args.Add(ParseValue());
                SkipSpace();
                if (text[_at] == ')')
                {
                    _at++;
                    return args;
                }

                Expect(',');
            }
        }

        private string ParseString()
        {
            var result = new StringBuilder();
            _at++;
            while (true)
            {
                if (text[_at] == '\'')
                {
                    if (_at + 1 < text.Length && text[_at + 1] == '\'')
                    {
                        result.Append('\'');
                        _at += 2;
                        continue;
                    }

                    _at++;
                    return result.ToString();
                }

                result.Append(text[_at++]);
            }
        }

        private string ParseName()
        {
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_'))
            {
                _at++;
            }

            return start < _at ? text[start.._at] : throw new FormatException($"Expected a name at {start} in [{text}].");
        }

        private void Expect(char expected)
        {
            SkipSpace();
            if (text[_at] != expected)
            {
                throw new FormatException($"Expected '{expected}' at {_at} in [{text}].");
            }

            _at++;
        }

        private void SkipSpace()
        {
            while (_at < text.Length && text[_at] == ' ')
            {
                _at++;
            }
        }
    }
}
