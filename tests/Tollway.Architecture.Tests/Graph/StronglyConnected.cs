namespace Tollway.Architecture.Tests.Graph;

/// <summary>
/// Tarjan's strongly connected components: the groups of folders in which each reaches every other along arrows.
/// A group of two or more is a loop; the graph is a few dozen folders, so recursion is fine.
/// </summary>
internal sealed class StronglyConnected(IReadOnlyDictionary<string, IReadOnlyList<string>> successors)
{
    private readonly Dictionary<string, int> _index = [];
    private readonly Dictionary<string, int> _lowLink = [];
    private readonly Stack<string> _stack = new();
    private readonly HashSet<string> _onStack = [];
    private readonly List<IReadOnlySet<string>> _components = [];

    public static IReadOnlyList<IReadOnlySet<string>> Components(
        IReadOnlyDictionary<string, IReadOnlyList<string>> successors)
    {
        var search = new StronglyConnected(successors);
        foreach (var node in successors.Keys.Order(StringComparer.Ordinal))
        {
            if (!search._index.ContainsKey(node))
            {
                search.Visit(node);
            }
        }

        return search._components;
    }

    private void Visit(string node)
    {
        var order = _index.Count;
        _index[node] = order;
        _lowLink[node] = order;
        _stack.Push(node);
        _onStack.Add(node);
        foreach (var next in successors.GetValueOrDefault(node, []))
        {
            if (!_index.TryGetValue(next, out var nextIndex))
            {
                Visit(next);
                _lowLink[node] = Math.Min(_lowLink[node], _lowLink[next]);
            }
            else if (_onStack.Contains(next))
            {
                _lowLink[node] = Math.Min(_lowLink[node], nextIndex);
            }
        }

        if (_lowLink[node] == _index[node])
        {
            var component = new SortedSet<string>(StringComparer.Ordinal);
            string member;
            do
            {
                member = _stack.Pop();
                _onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);
            _components.Add(component);
        }
    }
}
