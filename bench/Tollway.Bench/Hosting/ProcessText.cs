using System.Diagnostics;

namespace Tollway.Bench.Hosting;

/// <summary>Runs a short command (git, node --version) and returns what it printed, or an empty string.</summary>
internal static class ProcessText
{
    public static string Run(string fileName, IEnumerable<string> arguments)
    {
        try
        {
            var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
