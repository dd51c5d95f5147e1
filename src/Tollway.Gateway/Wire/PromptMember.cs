
namespace Tollway.Gateway.Wire;

/// <summary>Names the body member that carries a request's prompt, for the inspector and the billing gate alike to
/// name it in an error.</summary>
internal static class PromptMember
{
    /// <summary>The member that carries the prompt of <paramref name="operation"/>'s requests.</summary>
    public static string Of(GatewayOperation operation) => operation switch
    {
        GatewayOperation.ChatCompletions => "messages",
        GatewayOperation.Completions => "prompt",
        _ => "input",
    };
}
