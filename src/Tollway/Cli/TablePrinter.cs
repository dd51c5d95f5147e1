namespace Tollway.Cli;

/// <summary>Prints rows as aligned columns for the terminal.</summary>
internal static class TablePrinter
{
    public static void Print(IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        Console.WriteLine(Format(headers, widths));
        foreach (var row in all)
        {
            Console.WriteLine(Format(row, widths));
        }
    }

    private static string Format(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
