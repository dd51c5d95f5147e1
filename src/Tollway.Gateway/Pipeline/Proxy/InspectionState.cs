using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// What the inspector has read of one body so far (<see cref="RequestFieldReaders"/> fill it in, member by member), made
/// into the immutable <see cref="InspectedRequest"/> once the whole body is known to be valid. On the stack: reading a
/// body allocates nothing but the request itself.
/// </summary>
internal ref struct InspectionState
{
    public InspectionState(ReadOnlySpan<byte> body, GatewayOperation operation)
    {
        Body = body;
        Operation = operation;
    }

    public ReadOnlySpan<byte> Body { get; }

    public GatewayOperation Operation { get; }

    /// <summary>The gateway's members met so far, one bit per field index: each may appear once.</summary>
    public int Seen;

    /// <summary>Whether the operation's prompt member (<c>messages</c>, <c>prompt</c> or <c>input</c>) was met.</summary>
    public bool SeenRequired;

    /// <summary>What is wrong with a chat completion's messages, kept until the whole body is known to be JSON.</summary>
    public RequestProblem? MessagesProblem;

    public string? Model;
    public Range ModelValue;
    public bool Stream;
    public bool ClientWantsStreamUsage;
    public Range? StreamOptionsValue;
    public int RootEnd;
    public int? MaxOutputTokens;
    public string MaxOutputTokensParam = "max_tokens";
    public OutputLimitValue? MaxTokensValue;
    public OutputLimitValue? MaxCompletionTokensValue;
    public bool HasTools;
    public bool UsesImages;
    public bool UsesJsonSchema;
    public int Choices = 1;
    public PricedFeatures Features;
    public bool PdfEngineNamed;
    public Range? ModelsMember;
    public Range? ModelsValue;
    public Range? ProviderMember;
    public Range? ProviderValue;

    /// <summary>The request as read, with what its client's API adds (<see cref="RequestOrigin"/>).</summary>
    public readonly InspectedRequest ToRequest(in RequestOrigin origin)
    {
        var messages = origin.Messages;
        var features = messages?.Features ?? Features;
        if (origin.ReadsCacheLifetimes && Operation == GatewayOperation.ChatCompletions)
        {
            features = features with { CacheWrites1h = CacheLifetimes.AsksForLongCacheWrites(Body) };
        }

        return new InspectedRequest
        {
            Model = Model,
            ModelValue = ModelValue,
            Stream = Stream,
            ClientWantsStreamUsage = ClientWantsStreamUsage,
            StreamOptionsValue = StreamOptionsValue,
            RootEnd = RootEnd,
            MaxOutputTokens = messages is null ? MaxOutputTokens : messages.MaxTokens,
            MaxOutputTokensParam = MaxOutputTokensParam,
            MaxTokensValue = MaxTokensValue,
            MaxCompletionTokensValue = MaxCompletionTokensValue,
            HasTools = HasTools,
            UsesImages = UsesImages,
            UsesJsonSchema = UsesJsonSchema,
            Choices = Choices,
            Features = features,
            PdfEngineNamed = PdfEngineNamed,
            ModelsMember = ModelsMember,
            ModelsValue = ModelsValue,
            ProviderMember = ProviderMember,
            ProviderValue = ProviderValue,
            ClientFormat = messages is null ? WireFormat.OpenAi : WireFormat.Anthropic,
            NativeBody = origin.NativeBody,
            NativeModelValue = messages?.ModelValue ?? default,
            NativeMaxTokensValue = messages?.MaxTokensValue ?? default,
            ThinkingBudget = messages?.ThinkingBudget,
        };
    }
}
