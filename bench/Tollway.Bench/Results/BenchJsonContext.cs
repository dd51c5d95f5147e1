using System.Text.Json.Serialization;

namespace Tollway.Bench.Results;

/// <summary>The raw results (bench/results.json), written with source-generated serialization.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchRun))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
