using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Wire;

namespace Tollway.Benchmarks.Proxy;

/// <summary>
/// What checking a chat completion's messages costs on the request path: the inspector, which walks them token by token
/// (<see cref="ChatMessagesCheck"/>), against a floor for what it did before: the same text check and one reader pass
/// that skips the body whole. Both must accept the conversation (the validator fails the run otherwise), so what is
/// measured is the path a valid request takes, not an early refusal.
/// </summary>
[MemoryDiagnoser]
[ReturnValueValidator(failOnError: true)]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class MessagesInspection
{
    private byte[] _body = [];

    /// <summary>Turns of a conversation: one question, or a long exchange with tool calls and an image.</summary>
    [Params(1, 40)]
    public int Turns { get; set; }

    [GlobalSetup]
    public void Setup() => _body = Encoding.UTF8.GetBytes(Conversation(Turns));

    [Benchmark(Baseline = true)]
    public bool SkippingMessages()
    {
        if (JsonTextCheck.FindProblem(_body) is not null)
        {
            return false;
        }

        var reader = new Utf8JsonReader(_body);
        reader.Read();
        reader.Skip();
        return reader.TokenType == JsonTokenType.EndObject;
    }

    [Benchmark]
    public bool CheckingMessages() => RequestInspector.Inspect(_body, GatewayOperation.ChatCompletions).Request is not null;

    private static string Conversation(int turns)
    {
        var messages = new StringBuilder("""{"role":"system","content":"You are a careful assistant. Answer briefly and cite your sources."}""");
        for (var i = 0; i < turns; i++)
        {
            messages.Append(i % 4 == 1
                ? $$$""",{"role":"user","content":[{"type":"text","text":"What is on this picture, number {{{i}}}?"},{"type":"image_url","image_url":{"url":"https://example.com/{{{i}}}.png","detail":"low"}}]}"""
                : $$""",{"role":"user","content":"Question {{i}}: how warm is it in Paris today, and what should I wear for a walk along the river?"}""");
            messages.Append(i % 3 == 0
                ? $$$""",{"role":"assistant","content":null,"tool_calls":[{"id":"call_{{{i}}}","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},{"role":"tool","tool_call_id":"call_{{{i}}}","content":"{\"celsius\":21,\"sky\":\"clear\"}"}"""
                : """,{"role":"assistant","content":"It is mild and clear: a light jacket will do, and shoes you can walk in for an hour."}""");
        }

        return $$"""{"model":"gpt-4o-mini","messages":[{{messages}}],"temperature":0.2,"max_tokens":512}""";
    }
}
