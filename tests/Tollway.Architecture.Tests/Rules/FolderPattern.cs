using System.Text.RegularExpressions;

namespace Tollway.Architecture.Tests.Rules;

/// <summary>
/// A pattern of folder names where <c>*</c> stands for any run of characters, <c>/</c> and <c>.</c> included:
/// <c>*/Ledger</c> is every project's Ledger folder, <c>Tollway.Storage.*</c> both storage projects and their folders.
/// </summary>
public static class FolderPattern
{
    public static bool Matches(string pattern, string folder) =>
        Regex.IsMatch(folder, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$");
}
