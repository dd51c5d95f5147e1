using System.Text.Json;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// The server tools of a Messages request: tools Anthropic runs itself, adding their results to the prompt in further
/// sampling steps. <c>web_search</c> is priced per search, so it must say how many it may run (<c>max_uses</c>);
/// <c>web_fetch</c>, MCP toolsets and <c>mcp_servers</c> bill only tokens; Anthropic's client tools (bash, text editor,
/// computer, memory) run at the client. Any other server tool (code execution, billed by container hours) has a price
/// the gateway cannot charge, and is refused rather than served free.
/// </summary>
internal static class ServerTools
{
    /// <summary>What the request's server tools may cost, or why it is refused. Every <c>tools</c> member and every
    /// <c>type</c> of a tool is read: of a repeated one, the provider may read either.</summary>
    public static (PricedFeatures Features, GatewayError? Refusal) Read(JsonElement root)
    {
        long searches = 0;
        var serverSide = false;
        foreach (var member in root.EnumerateObject())
        {
            if (member.NameEquals("mcp_servers"u8))
            {
                serverSide |= member.Value.ValueKind == JsonValueKind.Array && member.Value.GetArrayLength() > 0;
            }

            if (!member.NameEquals("tools"u8) || member.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var index = 0;
            foreach (var tool in member.Value.EnumerateArray())
            {
                foreach (var type in Types(tool))
                {
                    if (type.StartsWith("web_search_", StringComparison.Ordinal))
                    {
                        if (MaxUses(tool) is not { } maxUses)
                        {
                            return Refuse($"tools[{index}].max_uses",
                                "web_search needs 'max_uses' (a positive integer): this gateway holds the fee of every search a request may run.");
                        }

                        searches += maxUses;
                        serverSide = true;
                    }
                    else if (type.StartsWith("web_fetch_", StringComparison.Ordinal) || type == "mcp_toolset")
                    {
                        serverSide = true;
                    }
                    else if (type != "custom" && !Catalog.Tokens.AnthropicPromptCounter.IsClientToolType(type))
                    {
                        return Refuse($"tools[{index}]", $"The server tool '{type}' is billed in a way this gateway cannot charge for, so it is not served.");
                    }
                }

                index++;
            }
        }

        return searches > int.MaxValue
            ? Refuse("tools", "The web searches these tools allow are more than this gateway can hold.")
            : (new PricedFeatures(MaxWebSearches: (int)searches, ServerSideTools: serverSide), null);
    }

    private static List<string> Types(JsonElement tool) => tool.ValueKind != JsonValueKind.Object
        ? []
        : tool.EnumerateObject()
            .Where(m => m.NameEquals("type"u8) && m.Value.ValueKind == JsonValueKind.String)
            .Select(m => m.Value.GetString()!)
            .ToList();

    /// <summary>The largest <c>max_uses</c> of the tool, or <see langword="null"/> when it has none or one is not a
    /// positive integer.</summary>
    private static int? MaxUses(JsonElement tool)
    {
        int? largest = null;
        foreach (var member in tool.EnumerateObject())
        {
            if (!member.NameEquals("max_uses"u8))
            {
                continue;
            }

            if (member.Value.ValueKind != JsonValueKind.Number || !member.Value.TryGetInt32(out var uses) || uses < 1)
            {
                return null;
            }

            largest = Math.Max(largest ?? 0, uses);
        }

        return largest;
    }

    private static (PricedFeatures, GatewayError?) Refuse(string param, string message) =>
        (default, GatewayError.InvalidRequest(message, param, "unbillable_tool"));
}
