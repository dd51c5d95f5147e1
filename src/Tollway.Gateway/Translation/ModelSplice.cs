using System.Text.Json;
using Tollway.Gateway.Proxy;

namespace Tollway.Gateway.Translation;

/// <summary>A body with its <c>model</c> value replaced by the provider's id and every other byte kept.</summary>
internal static class ModelSplice
{
    public static PooledBuffer Apply(ReadOnlySpan<byte> body, Range modelValue, string upstreamModel)
    {
        var model = JsonSerializer.SerializeToUtf8Bytes(upstreamModel, ProxyJsonContext.Default.String);
        var (offset, length) = modelValue.GetOffsetAndLength(body.Length);
        var output = new PooledBuffer(body.Length + model.Length);
        output.Write(body[..offset]);
        output.Write(model);
        output.Write(body[(offset + length)..]);
        return output;
    }
}
