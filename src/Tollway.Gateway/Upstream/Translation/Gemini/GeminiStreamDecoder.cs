using System.Buffers;
using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>
/// Translates <c>streamGenerateContent?alt=sse</c> into OpenAI chunks as each response arrives: the first piece of a
/// candidate opens its choice with the role, text and thoughts become content and <c>reasoning</c> deltas, each
/// function call one complete tool call, and <c>finishReason</c> (or a prompt's <c>blockReason</c>) the finish chunk.
/// Gemini's stream has no end marker and repeats the running <c>usageMetadata</c> on its pieces, so the usage chunk and
/// <c>[DONE]</c> are written when the stream ends — only if an answer finished; a stream cut short stays incomplete.
/// </summary>
/// <remarks>Each piece is read with <see cref="JsonDocument"/>: candidates nest parts in arrays two levels down, and a piece
/// is small.</remarks>
internal sealed class GeminiStreamDecoder(long created) : IStreamDecoder
{
    private readonly OpenAiChunkWriter _chunks = new(created);
    private readonly HashSet<int> _started = [];
    private readonly Dictionary<int, int> _toolCalls = [];
    private TokenUsage? _usage;
    private bool _finished;

    public void Decode(ReadOnlySpan<byte> sseEvent, IBufferWriter<byte> output)
    {
        var data = SseEventParser.DataOf(sseEvent);
        if (data.IsEmpty)
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data.ToArray());
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (JsonBlocks.TryGet(root, "error", out var error))
            {
                _chunks.Error(output, JsonBlocks.String(error, "status") ?? "api_error", JsonBlocks.String(error, "message") ?? "The provider failed.");
                return;
            }

            _chunks.Id = JsonBlocks.String(root, "responseId") ?? _chunks.Id;
            _chunks.Model = JsonBlocks.String(root, "modelVersion") ?? _chunks.Model;
            _usage = GeminiUsage.Read(root) ?? _usage;
            foreach (var candidate in GeminiCandidate.ReadAll(root))
            {
                Candidate(candidate, output);
            }

            if (GeminiCandidate.BlockReason(root) is not null && _started.Count == 0)
            {
                _started.Add(0);
                _chunks.Role(output);
                _chunks.Finish(output, "content_filter");
                _finished = true;
            }
        }
    }

    public void Complete(IBufferWriter<byte> output)
    {
        if (!_finished)
        {
            return;
        }

        _chunks.Usage(output, _usage ?? default);
        OpenAiChunkWriter.Done(output);
    }

    private void Candidate(GeminiCandidate candidate, IBufferWriter<byte> output)
    {
        var choice = candidate.Index;
        if (_started.Add(choice))
        {
            _chunks.Role(output, choice);
        }

        if (candidate.Thoughts.Length > 0)
        {
            _chunks.Reasoning(output, candidate.Thoughts, choice);
        }

        if (candidate.Text.Length > 0)
        {
            _chunks.Content(output, candidate.Text, choice);
        }

        foreach (var (id, name, arguments) in candidate.FunctionCalls)
        {
            var toolIndex = _toolCalls.TryGetValue(choice, out var count) ? count : 0;
            _toolCalls[choice] = toolIndex + 1;
            _chunks.ToolCallStart(output, new ToolCallOpening(toolIndex, id, name, arguments), choice);
        }

        if (candidate.FinishReason is { } finish)
        {
            _chunks.Finish(output, GeminiFinishReasons.ToFinishReason(finish, _toolCalls.ContainsKey(choice)), choice);
            _finished = true;
        }
    }
}
