using System.Text;
using Tollway.Gateway.Pipeline.Proxy;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

/// <summary>
/// The searches a chat completion asks for (<c>web_search_options</c>, OpenRouter's web plugin), each priced per search
/// or result; the plugins and server tools whose fees nothing bounds are refused naming their member.
/// </summary>
public sealed class RequestInspectorSearchTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("""{"search_context_size":"high"}""")]
    [InlineData("""{"search_type":"fast","user_location":{"type":"approximate"}}""")]
    public void Inspect_WebSearchOptions_AsksOneSearch(string options)
    {
        var features = Inspect($$"""{"model":"m","messages":[],"web_search_options":{{options}}}""").Request!.Features;

        Assert.Equal((1, "web_search_options"), (features.ChatWebSearches, features.SearchParam));
    }

    [Fact]
    public void Inspect_WebSearchOptionsNull_AsksNone() =>
        Assert.Equal(0, Inspect("""{"model":"m","messages":[],"web_search_options":null}""").Request!.Features.ChatWebSearches);

    [Theory]
    [InlineData("""{"search_type":"pro"}""")]
    [InlineData("""{"search_type":"auto"}""")]
    [InlineData("""{"search_type":"fast","search_type":"pro"}""")]
    [InlineData("true")]
    [InlineData("\"high\"")]
    public void Inspect_SearchThatCannotBeBilled_IsRefusedNamingTheParam(string options) =>
        AssertRefused($$"""{"model":"m","messages":[],"web_search_options":{{options}}}""", "web_search_options");

    [Theory]
    [InlineData("""[{"id":"web","engine":"exa"}]""", 5)]
    [InlineData("""[{"id":"web","engine":"exa","max_results":2}]""", 2)]
    [InlineData("""[{"id":"web","max_results":2,"engine":"exa","max_results":9}]""", 9)]
    [InlineData("""[{"id":"file-parser","pdf":{"engine":"pdf-text"}},{"id":"web","engine":"exa","max_results":3}]""", 3)]
    public void Inspect_WebPluginOnExa_AsksItsResults(string plugins, int results)
    {
        var features = Inspect($$"""{"model":"m","messages":[],"plugins":{{plugins}}}""").Request!.Features;

        Assert.Equal((results, "plugins"), (features.ChatWebSearches, features.SearchParam));
    }

    [Fact]
    public void Inspect_SearchOptionsAndPlugin_AskTheMostAndNameTheOptions()
    {
        var features = Inspect("""{"model":"m","plugins":[{"id":"web","engine":"exa","max_results":4}],"messages":[],"web_search_options":{}}""").Request!.Features;

        Assert.Equal((4, "web_search_options"), (features.ChatWebSearches, features.SearchParam));
    }

    [Theory]
    [InlineData("""[{"id":"web"}]""")]
    [InlineData("""[{"id":"web","engine":"native"}]""")]
    [InlineData("""[{"id":"web","engine":"exa","engine":"native"}]""")]
    [InlineData("""[{"id":"web","engine":"exa","max_results":0}]""")]
    [InlineData("""[{"id":"web","engine":"exa","max_results":"5"}]""")]
    [InlineData("""[{"id":"file-parser","pdf":{"engine":"mistral-ocr"}}]""")]
    [InlineData("""[{"id":"file-parser","pdf":{"engine":"pdf-text","engine":"mistral-ocr"}}]""")]
    [InlineData("""[{"id":"file-parser","pdf":"native"}]""")]
    [InlineData("""[{"id":"moderation"}]""")]
    [InlineData("""[{"id":"web","id":"moderation","engine":"exa"}]""")]
    [InlineData("""[{"engine":"exa"}]""")]
    [InlineData("""["web"]""")]
    [InlineData("""{"id":"web","engine":"exa"}""")]
    public void Inspect_PluginsThatCannotBeBilled_AreRefusedNamingThem(string plugins) =>
        AssertRefused($$"""{"model":"m","messages":[],"plugins":{{plugins}}}""", "plugins");

    [Theory]
    [InlineData("""[{"id":"file-parser","pdf":{"engine":"native"}}]""", true)]
    [InlineData("""[{"id":"file-parser","pdf":{"engine":"cloudflare-ai"}}]""", true)]
    [InlineData("""[{"id":"file-parser"}]""", false)]
    [InlineData("[]", false)]
    public void Inspect_FileParser_NamesAPdfEngineOrNot(string plugins, bool named)
    {
        var request = Inspect($$"""{"model":"m","messages":[],"plugins":{{plugins}}}""").Request!;

        Assert.Equal((named, 0), (request.PdfEngineNamed, request.Features.ChatWebSearches));
    }

    [Theory]
    [InlineData("""[{"type":"openrouter:web_search"}]""")]
    [InlineData("""[{"type":"function","function":{"name":"f"}},{"type":"openrouter:web_fetch","parameters":{"max_uses":2}}]""")]
    [InlineData("""[{"type":"OpenRouter:datetime"}]""")]
    [InlineData("""[{"type":"openrouter\u003aweb_search"}]""")]
    public void Inspect_OpenRouterServerTool_IsRefusedNamingTools(string tools) =>
        AssertRefused($$"""{"model":"m","messages":[],"tools":{{tools}}}""", "tools");

    [Fact]
    public void Inspect_FunctionTools_AreNotServerTools() =>
        Assert.True(Inspect("""{"model":"m","messages":[],"tools":[{"type":"function","function":{"name":"openrouter:web_search","parameters":{"type":"openrouter:x"}}}]}""").Request!.HasTools);

    [Fact]
    public void Inspect_RepeatedPlugins_IsRefused() =>
        AssertRefused("""{"model":"m","messages":[],"plugins":[],"plugins":[{"id":"web"}]}""", "plugins");

    private static void AssertRefused(string json, string param)
    {
        var inspection = Inspect(json);

        Assert.Null(inspection.Request);
        Assert.Equal(param, inspection.Param);
    }

    private static RequestInspection Inspect(string json) =>
        RequestInspector.Inspect(Encoding.UTF8.GetBytes(json), Tollway.Gateway.Wire.GatewayOperation.ChatCompletions);
}
