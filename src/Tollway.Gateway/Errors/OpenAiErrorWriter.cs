using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Errors;

/// <summary>Writes <see cref="GatewayError"/>s as responses and as stream events.</summary>
public static class OpenAiErrorWriter
{
    /// <summary>Answers the request with the error (when nothing has been sent yet).</summary>
    public static Task WriteAsync(HttpContext context, GatewayError error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        using var writer = new Utf8JsonWriter(response.BodyWriter, OpenAiJson.WriterOptions);
        WriteBody(writer, error);
        writer.Flush();
        return response.BodyWriter.FlushAsync(context.RequestAborted).AsTask();
    }

    /// <summary>Writes <c>{"error":{…}}</c>.</summary>
    public static void WriteBody(Utf8JsonWriter writer, GatewayError error)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("error"u8);
        WriteErrorObject(writer, error);
        writer.WriteEndObject();
    }

    /// <summary>Writes the inner <c>{"message","type","param","code"}</c> object.</summary>
    public static void WriteErrorObject(Utf8JsonWriter writer, GatewayError error)
    {
        writer.WriteStartObject();
        writer.WriteString("message"u8, error.Message);
        writer.WriteString("type"u8, error.Type);
        WriteNullable(writer, "param"u8, error.Param);
        WriteNullable(writer, "code"u8, error.Code);
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
