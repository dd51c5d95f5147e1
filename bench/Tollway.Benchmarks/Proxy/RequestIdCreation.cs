using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Platform.Identifiers;

namespace Tollway.Benchmarks.Proxy;

/// <summary>
/// The id every request gets before anything else (<c>X-Request-Id</c>, the charge's key), against the way it used to be
/// drawn: <see cref="RandomNumberGenerator.GetString"/>, which asks the system generator once per character.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class RequestIdCreation
{
    private readonly DateTimeOffset _now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _prefix = RequestIds.Prefix;

    [Benchmark(Baseline = true)]
    public string RandomCharacterByCharacter() => RandomIds.New(_prefix, 24);

    [Benchmark]
    public string TimeThenRandom() => RequestIds.New(_now);
}
