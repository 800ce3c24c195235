namespace Sentier.DevHost.Catalog;

/// <summary>
/// A function as the DevHost actually serves it, recorded by the code that maps the route or
/// starts the listener. The parity test compares these with the build's functions.metadata.
/// </summary>
public sealed record ServedFunction(
    string Name,
    string Trigger,
    IReadOnlyList<string> Methods,
    string? Route,
    string? QueueName,
    string? Connection,
    string? Schedule);

/// <summary>Everything the DevHost serves, filled while it starts.</summary>
public sealed class ServedFunctions
{
    private readonly List<ServedFunction> _functions = [];

    public IReadOnlyList<ServedFunction> All
    {
        get
        {
            lock (_functions)
            {
                return [.. _functions];
            }
        }
    }

    public void Add(ServedFunction function)
    {
        lock (_functions)
        {
            _functions.Add(function);
        }
    }
}
