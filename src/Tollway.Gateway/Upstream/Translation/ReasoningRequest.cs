using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>
/// What an OpenAI-style request asks of a model's reasoning: <c>reasoning_effort</c> (OpenAI) or the <c>reasoning</c>
/// object (OpenRouter: <c>effort</c>, <c>max_tokens</c>, <c>enabled</c>). Providers that take a token budget
/// (Anthropic's <c>thinking</c>, Gemini's <c>thinkingConfig</c>) get one derived from it.
/// </summary>
internal readonly record struct ReasoningRequest(bool Requested, bool Disabled, string? Effort, int? Budget)
{
    public static ReasoningRequest Read(JsonElement root)
    {
        string? effort = JsonBlocks.String(root, "reasoning_effort");
        int? budget = null;
        var enabled = false;
        if (JsonBlocks.TryGet(root, "reasoning", out var reasoning) && reasoning.ValueKind == JsonValueKind.Object)
        {
            effort ??= JsonBlocks.String(reasoning, "effort");
            budget = JsonBlocks.PositiveInt(reasoning, "max_tokens");
            enabled = JsonBlocks.TryGet(reasoning, "enabled", out var flag) && flag.ValueKind == JsonValueKind.True;
            if (JsonBlocks.TryGet(reasoning, "enabled", out flag) && flag.ValueKind == JsonValueKind.False)
            {
                return new ReasoningRequest(true, true, null, null);
            }
        }

        if (effort is "none")
        {
            return new ReasoningRequest(true, true, effort, null);
        }

        return new ReasoningRequest(effort is not null || budget is not null || enabled, false, effort, budget);
    }

    /// <summary>The share of the output allowance an effort level spends on thinking (OpenRouter's ratios).</summary>
    public int BudgetWithin(int maxTokens)
    {
        if (Budget is { } budget)
        {
            return budget;
        }

        var share = Effort switch
        {
            "minimal" => 0.1,
            "low" => 0.2,
            "high" => 0.8,
            "xhigh" => 0.95,
            _ => 0.5,
        };
        return (int)(maxTokens * share);
    }
}
