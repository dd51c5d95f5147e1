using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Platform.Server;

namespace Tollway.Gateway.Tests.Platform.Configuration;

public sealed class ConfigurationCheckTests
{
    private static readonly Dictionary<string, string> ProviderKeys = new()
    {
        ["OPENAI_API_KEY"] = "sk-env-openai",
        ["GROQ_API_KEY"] = "gsk-env",
    };

    [Fact]
    public void Validate_RealisticConfig_Succeeds()
    {
        var result = Validate(new()
        {
            ["Server:Urls"] = "http://0.0.0.0:8080;https://0.0.0.0:8443",
            ["Providers:openai:Headers:OpenAI-Organization"] = "org-1",
            ["Providers:openai:Timeouts:Total"] = "00:05:00",
            ["Providers:azure:BaseUrl"] = "https://contoso.openai.azure.com",
            ["Providers:azure:ApiKey"] = "azure-key",
            ["Providers:local:Preset"] = "ollama",
            ["Providers:fast:Preset"] = "groq",
            ["Models:gpt-4o-mini:Endpoints:0:Provider"] = "openai",
            ["Models:gpt-4o-mini:Endpoints:0:Pricing:Input"] = "0.15",
            ["Models:gpt-4o-mini:Endpoints:0:Pricing:Output"] = "0.60",
            ["Models:gpt-4o-mini:Endpoints:0:Pricing:CachedInput"] = "0.075",
            ["Models:gpt-4o-mini:Endpoints:0:ContextLength"] = "128000",
            ["Models:gpt-4o-mini:Endpoints:1:Provider"] = "azure",
            ["Models:gpt-4o-mini:Endpoints:1:Model"] = "my-deployment",
            ["Models:text-embedding-3-small:Type"] = "embedding",
            ["Models:text-embedding-3-small:Endpoints:0:Provider"] = "openai",
            ["Models:llama3.1:Endpoints:0:Provider"] = "local",
            ["Models:llama3.1:Endpoints:0:Model"] = "llama3.1:8b",
            ["Models:llama-fast:Endpoints:0:Provider"] = "fast",
            ["Logging:LogLevel:Default"] = "Warning",
        });

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Failures ?? []));
    }

    [Fact]
    public void Validate_EmptyConfig_Succeeds() => Assert.True(Validate([]).Succeeded);

    [Theory]
    [InlineData("MaxConcurrentRequests", "0")]
    [InlineData("MaxConcurrentRequests", "-5")]
    [InlineData("MaxConnections", "0")]
    [InlineData("MaxConnections", "-1")]
    public void Validate_ServerLimitNotPositive_IsRefusedNamingIt(string key, string value)
    {
        var result = Validate(new() { [$"Server:{key}"] = value });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failures!, f => f.StartsWith($"Server:{key}: must be greater than zero", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ServerLimitsPositive_Succeed() =>
        Assert.True(Validate(new() { ["Server:MaxConcurrentRequests"] = "1", ["Server:MaxConnections"] = "100000" }).Succeeded);

    [Fact]
    public void Validate_EndpointWithoutPrices_IsRefusedNamingIt()
    {
        var result = ValidateWith(
            new() { ["Models:m:Endpoints:0:Provider"] = "openai", ["Models:m:Endpoints:0:Pricing:Input"] = "1" },
            new FakeEnvironmentVariables(ProviderKeys));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failures!, f => f.StartsWith("Models:m:Endpoints:0:Pricing:", StringComparison.Ordinal) && f.Contains("required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("api-key")]
    [InlineData("X-Api-Key")]
    public void Validate_CredentialInExtraHeaders_IsRefusedWithItsKey(string header)
    {
        var result = Validate(new() { [$"Providers:openai:Headers:{header}"] = "Bearer sk-in-the-file" });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failures!, failure => failure.StartsWith($"Providers:openai:Headers:{header}:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("traceparent")]
    [InlineData("TraceState")]
    public void Validate_TraceContextAsExtraHeader_IsRefusedWithItsKey(string header) =>
        Assert.Equal(
            $"Providers:openai:Headers:{header}: the trace context is sent per request with PropagateTraceContext, not as a fixed header",
            SingleFailure(WithOpenAi(new() { [$"Providers:openai:Headers:{header}"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" })));

    [Fact]
    public void Validate_PropagateTraceContext_IsAccepted() =>
        Assert.True(Validate(WithOpenAi(new() { ["Providers:openai:PropagateTraceContext"] = "true" })).Succeeded);

    [Fact]
    public void Validate_ManyMistakes_ReportsEveryOneAtOnceEachWithItsKey()
    {
        var result = Validate(
            new()
            {
                ["Providers:openai:BaseUrll"] = "https://typo.example.com/v1",
                ["Providers:mystery:Preset"] = "nosuch",
                ["Providers:azure:ApiKey"] = "azure-key",
                ["Providers:vllm:BaseUrl"] = "not a url",
                ["Providers:groq:ApiKey"] = "gsk-config",
                ["Providers:groq:Timeouts:FirstByte"] = "00:02:00",
                ["Providers:groq:Timeouts:Total"] = "00:01:00",
                ["Models:empty:DisplayName"] = "No endpoints",
                ["Models:orphan:Endpoints:0:Provider"] = "nowhere",
                ["Models:priced:Endpoints:0:Provider"] = "groq",
                ["Models:priced:Endpoints:0:Pricing:Input"] = "abc",
                ["Models:emb:Type"] = "embedding",
                ["Models:emb:Endpoints:0:Provider"] = "groq",
                ["Models:long:Endpoints:0:Provider"] = "groq",
                ["Models:long:Endpoints:0:ContextLength"] = "-1",
            },
            environment: []);

        var failures = Assert.IsAssignableFrom<IEnumerable<string>>(result.Failures).ToList();
        string[] expected =
        [
            "Providers:openai:BaseUrll: unknown key",
            "Providers:openai:ApiKey: no API key; set the environment variable OPENAI_API_KEY",
            "Providers:mystery:Preset: unknown preset 'nosuch'",
            "Providers:azure:BaseUrl: required for the 'azure' preset",
            "Providers:vllm:BaseUrl: 'not a url' is not an absolute http or https URL",
            "Providers:groq:Timeouts:Total: must be at least Timeouts:FirstByte",
            "Models:empty:Endpoints: at least one endpoint is required",
            "Models:orphan:Endpoints:0:Provider: 'nowhere' is not a configured provider",
            "Models:priced:Endpoints:0:Pricing:Input: 'abc' is not a non-negative USD amount",
            "Models:emb:Endpoints:0:Provider: 'groq' (groq) does not serve embedding models",
            "Models:long:Endpoints:0:ContextLength: must be greater than zero",
        ];
        Assert.All(expected, e => Assert.Contains(failures, f => f.StartsWith(e, StringComparison.Ordinal)));
        Assert.Equal(expected.Length, failures.Count);
    }

    [Fact]
    public void Validate_Failure_MessageListsEveryError()
    {
        var result = Validate(new() { ["Providers:x:Preset"] = "nope", ["Server:MaxRequestBodyBytes"] = "0" });

        Assert.True(result.Failed);
        Assert.Contains("Providers:x:Preset", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Server:MaxRequestBodyBytes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownPreset_ListsTheKnownOnes()
    {
        var failure = SingleFailure(new() { ["Providers:x:Preset"] = "nope" });

        Assert.StartsWith("Providers:x:Preset: unknown preset 'nope' (known: openai, azure,", failure, StringComparison.Ordinal);
        Assert.Contains("custom", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProviderNamedAfterNoPresetWithoutPreset_IsUnknownPreset() =>
        Assert.StartsWith("Providers:myllm:Preset: unknown preset 'myllm'", SingleFailure(new() { ["Providers:myllm:BaseUrl"] = "http://127.0.0.1:9000/v1" }), StringComparison.Ordinal);

    [Fact]
    public void Validate_ProviderWithUnknownPreset_EndpointsUsingItAddNoSecondError()
    {
        var failure = SingleFailure(new()
        {
            ["Providers:x:Preset"] = "nope",
            ["Models:m:Endpoints:0:Provider"] = "x",
        });

        Assert.StartsWith("Providers:x:Preset:", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ApiKeyMissing_NamesThePresetsVariableAndTheOverride() =>
        Assert.Equal(
            "Providers:ds:ApiKey: no API key; set the environment variable DEEPSEEK_API_KEY, or set TOLLWAY_Providers__ds__ApiKey",
            SingleFailure(new() { ["Providers:ds:Preset"] = "deepseek" }, environment: []));

    [Fact]
    public void Validate_NoKeyInOptions_ReadsThePresetsVariable()
    {
        var environment = new FakeEnvironmentVariables(new Dictionary<string, string> { ["MISTRAL_API_KEY"] = "m-key" });

        var result = ValidateWith(new() { ["Providers:mistral:Timeouts:Connect"] = "00:00:03" }, environment);

        Assert.True(result.Succeeded);
        Assert.Contains("MISTRAL_API_KEY", environment.ReadNames);
    }

    [Fact]
    public void Validate_KeyInOptions_DoesNotReadTheEnvironment()
    {
        var environment = new FakeEnvironmentVariables();

        Assert.True(ValidateWith(new() { ["Providers:openai:ApiKey"] = "sk-config" }, environment).Succeeded);
        Assert.Empty(environment.ReadNames);
    }

    [Fact]
    public void Validate_ApiKeyEnvOverride_ReadsThatVariableInstead()
    {
        var settings = new Dictionary<string, string?> { ["Providers:openai:ApiKeyEnv"] = "TEAM_OPENAI_KEY" };

        Assert.True(Validate(settings, new() { ["TEAM_OPENAI_KEY"] = "sk-team" }).Succeeded);
        Assert.Contains("TEAM_OPENAI_KEY", SingleFailure(settings, new() { ["OPENAI_API_KEY"] = "sk-default" }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ollama")]
    [InlineData("vllm")]
    [InlineData("custom")]
    public void Validate_PresetThatNeedsNoKey_SucceedsWithoutOne(string preset) =>
        Assert.True(Validate(new() { ["Providers:p:Preset"] = preset, ["Providers:p:BaseUrl"] = "http://127.0.0.1:8000/v1" }, environment: []).Succeeded);

    [Theory]
    [InlineData("vllm")]
    [InlineData("custom")]
    [InlineData("azure")]
    public void Validate_PresetWithoutBaseUrlAndNoneGiven_NamesBaseUrl(string preset) =>
        Assert.Equal(
            $"Providers:p:BaseUrl: required for the '{preset}' preset",
            SingleFailure(new() { ["Providers:p:Preset"] = preset, ["Providers:p:ApiKey"] = "k" }));

    [Theory]
    [InlineData("not a url")]
    [InlineData("/v1")]
    [InlineData("ftp://example.com/v1")]
    [InlineData("file:///tmp/socket")]
    public void Validate_BadBaseUrl_IsRefused(string url) =>
        Assert.Equal(
            $"Providers:openai:BaseUrl: '{url}' is not an absolute http or https URL",
            SingleFailure(new() { ["Providers:openai:BaseUrl"] = url }));

    [Theory]
    [InlineData("Connect", "00:00:00", "Providers:openai:Timeouts:Connect: must be positive")]
    [InlineData("Connect", "-00:00:01", "Providers:openai:Timeouts:Connect: must be positive")]
    [InlineData("FirstByte", "00:00:00", "Providers:openai:Timeouts:FirstByte: must be positive")]
    [InlineData("Total", "00:01:59", "Providers:openai:Timeouts:Total: must be at least Timeouts:FirstByte")]
    public void Validate_BadTimeout_NamesIt(string which, string value, string expected) =>
        Assert.Equal(expected, SingleFailure(new() { [$"Providers:openai:Timeouts:{which}"] = value }));

    [Theory]
    [InlineData("openai", "max_output_tokens")]
    [InlineData("openai", "MAX_TOKENS")]
    [InlineData("anthropic", "max_tokens")]
    public void Validate_BadOutputLimitMember_NamesIt(string preset, string member) =>
        Assert.Equal(
            $"Providers:p:OutputLimitMember: '{member}' is not 'max_tokens' or 'max_completion_tokens' (and only OpenAI-format presets take one)",
            SingleFailure(new() { ["Providers:p:Preset"] = preset, ["Providers:p:ApiKey"] = "k", ["Providers:p:OutputLimitMember"] = member }));

    [Theory]
    [InlineData("max_tokens")]
    [InlineData("max_completion_tokens")]
    public void Validate_OutputLimitMember_IsAccepted(string member) =>
        Assert.True(Validate(new()
        {
            ["Providers:p:Preset"] = "azure",
            ["Providers:p:BaseUrl"] = "https://contoso.openai.azure.com",
            ["Providers:p:ApiKey"] = "k",
            ["Providers:p:OutputLimitMember"] = member,
        }).Succeeded);

    [Fact]
    public void Validate_TotalEqualToFirstByte_IsAccepted() =>
        Assert.True(Validate(new() { ["Providers:openai:Timeouts:FirstByte"] = "00:01:00", ["Providers:openai:Timeouts:Total"] = "00:01:00" }).Succeeded);

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1e-7")]
    [InlineData("0.0000000001")]
    [InlineData("$1")]
    public void Validate_BadPrice_NamesTheField(string price)
    {
        foreach (var field in new[] { "Input", "CachedInput", "CacheWrite", "Output", "Reasoning", "Request" })
        {
            Assert.Equal(
                $"Models:m:Endpoints:0:Pricing:{field}: '{price}' is not a non-negative USD amount with at most nine decimals",
                SingleFailure(WithOpenAi(new() { ["Models:m:Endpoints:0:Provider"] = "openai", [$"Models:m:Endpoints:0:Pricing:{field}"] = price })));
        }
    }

    [Theory]
    [InlineData("CacheWrite1h")]
    [InlineData("WebSearch")]
    public void Validate_BadFeaturePrice_NamesTheField(string field) =>
        Assert.Equal(
            $"Models:m:Endpoints:0:Pricing:{field}: 'ten' is not a non-negative USD amount with at most nine decimals",
            SingleFailure(WithOpenAi(new() { ["Models:m:Endpoints:0:Provider"] = "openai", [$"Models:m:Endpoints:0:Pricing:{field}"] = "ten" })));

    [Theory]
    [InlineData("PriorityInput")]
    [InlineData("PriorityOutput")]
    [InlineData("PriorityCachedInput")]
    public void Validate_HalfAPriorityTier_IsRefused(string field) =>
        Assert.Equal(
            "Models:m:Endpoints:0:Pricing: the priority tier needs both 'priorityInput' and 'priorityOutput'",
            SingleFailure(WithOpenAi(new() { ["Models:m:Endpoints:0:Provider"] = "openai", [$"Models:m:Endpoints:0:Pricing:{field}"] = "2" })));

    [Fact]
    public void Validate_FeaturePrices_Succeed() =>
        Assert.True(Validate(WithOpenAi(new()
        {
            ["Models:m:Endpoints:0:Provider"] = "openai",
            ["Models:m:Endpoints:0:Pricing:CacheWrite1h"] = "6",
            ["Models:m:Endpoints:0:Pricing:WebSearch"] = "10",
            ["Models:m:Endpoints:0:Pricing:PriorityInput"] = "2.5",
            ["Models:m:Endpoints:0:Pricing:PriorityCachedInput"] = "0.25",
            ["Models:m:Endpoints:0:Pricing:PriorityOutput"] = "20",
        })).Succeeded);

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public void Validate_ServerToolIterationsOutOfRange_NamesTheKey(string iterations) =>
        Assert.Equal("Billing:ServerToolIterations: must be between 1 and 100", SingleFailure(new() { ["Billing:ServerToolIterations"] = iterations }));

    [Theory]
    [InlineData("ContextLength", "0")]
    [InlineData("ContextLength", "-1")]
    [InlineData("MaxOutputTokens", "0")]
    public void Validate_NonPositiveLimit_NamesIt(string field, string value) =>
        Assert.Equal(
            $"Models:m:Endpoints:0:{field}: must be greater than zero",
            SingleFailure(WithOpenAi(new() { ["Models:m:Endpoints:0:Provider"] = "openai", [$"Models:m:Endpoints:0:{field}"] = value })));

    [Fact]
    public void Validate_UnknownModelType_NamesIt() =>
        Assert.Equal(
            "Models:m:Type: 'image' is not one of 'chat', 'embedding'",
            SingleFailure(WithOpenAi(new() { ["Models:m:Type"] = "image", ["Models:m:Endpoints:0:Provider"] = "openai" })));

    [Fact]
    public void Validate_ModelIdWithSpace_IsRefused() =>
        Assert.Equal(
            "Models:my model: a model id must be non-empty and contain no spaces",
            SingleFailure(WithOpenAi(new() { ["Models:my model:Endpoints:0:Provider"] = "openai" })));

    [Theory]
    [InlineData("groq", "embedding")]
    [InlineData("deepseek", "embedding")]
    [InlineData("xai", "embedding")]
    [InlineData("custom", "embedding")]
    public void Validate_ModelOnProviderWithoutThatOperation_IsRefused(string preset, string type)
    {
        var failure = SingleFailure(new()
        {
            ["Providers:p:Preset"] = preset,
            ["Providers:p:ApiKey"] = "k",
            ["Providers:p:BaseUrl"] = "https://example.com/v1",
            ["Models:m:Type"] = type,
            ["Models:m:Endpoints:0:Provider"] = "p",
        });

        Assert.Equal($"Models:m:Endpoints:0:Provider: 'p' ({preset}) does not serve {type} models", failure);
    }

    [Fact]
    public void Validate_ServerAndStorageMistakes_NameTheirKeys()
    {
        var result = Validate(new()
        {
            ["Server:Urls"] = "ftp://0.0.0.0:21",
            ["Server:MaxRequestBodyBytes"] = "-5",
            ["Database:SqlitePath"] = "   ",
            ["RequestLog:BatchSize"] = "0",
            ["RequestLog:FlushInterval"] = "00:00:00",
        });

        var failures = result.Failures!.ToList();
        Assert.Contains("Server:Urls: 'ftp://0.0.0.0:21' is not an absolute http or https URL", failures);
        Assert.Contains("Server:MaxRequestBodyBytes: must be greater than zero", failures);
        Assert.Contains("Database:SqlitePath: a file path is required", failures);
        Assert.Contains("RequestLog:BatchSize: must be greater than zero", failures);
        Assert.Contains("RequestLog:FlushInterval: must be positive", failures);
        Assert.Equal(5, failures.Count);
    }

    [Theory]
    [InlineData("MaxUpstreamResponseBytes", "0", "Server:MaxUpstreamResponseBytes: must be greater than zero and at most 1073741824 (1 GiB)")]
    [InlineData("MaxUpstreamResponseBytes", "1073741825", "Server:MaxUpstreamResponseBytes: must be greater than zero and at most 1073741824 (1 GiB)")]
    [InlineData("MaxRequestBodyBytes", "1073741825", "Server:MaxRequestBodyBytes: must be at most 1073741824 (1 GiB)")]
    [InlineData("MinRequestBodyBytesPerSecond", "0", "Server:MinRequestBodyBytesPerSecond: must be a number greater than zero")]
    [InlineData("MinRequestBodyBytesPerSecond", "NaN", "Server:MinRequestBodyBytesPerSecond: must be a number greater than zero")]
    [InlineData("MinRequestBodyRateGracePeriod", "00:00:01", "Server:MinRequestBodyRateGracePeriod: must be longer than one second (Kestrel checks the rate once a second)")]
    [InlineData("RequestHeadersTimeout", "00:00:00", "Server:RequestHeadersTimeout: must be greater than zero")]
    public void Validate_SlowClientAndSizeLimitsOutOfRange_NameTheirKey(string key, string value, string expected) =>
        Assert.Equal(expected, SingleFailure(new() { [$"Server:{key}"] = value }));

    [Fact]
    public void ServerOptions_Defaults_BoundSlowClientsAndUpstreamAnswers()
    {
        var server = new ServerOptions();

        Assert.Equal(128 * 1024 * 1024, server.MaxUpstreamResponseBytes);
        Assert.Equal(4096, server.MinRequestBodyBytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(5), server.MinRequestBodyRateGracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(10), server.RequestHeadersTimeout);
    }

    [Fact]
    public void Validate_ModelIdOrAliasLongerThanTheLimit_IsRefused()
    {
        var id = new string('m', CatalogModel.MaxIdLength + 1);
        var result = Validate(WithOpenAi(new()
        {
            [$"Models:{id}:Endpoints:0:Provider"] = "openai",
            ["Models:ok:Endpoints:0:Provider"] = "openai",
            ["Models:ok:Aliases:0"] = id + "x",
        }));

        var failures = result.Failures!.ToList();
        Assert.Contains($"Models:{id}: a model id must be at most {CatalogModel.MaxIdLength} characters (requests naming a longer one are refused)", failures);
        Assert.Contains(failures, f => f.StartsWith("Models:ok:Aliases:0:", StringComparison.Ordinal) && f.Contains("longer than 256", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NoServerUrls_IsRefused() =>
        Assert.Equal("Server:Urls: at least one URL is required", SingleFailure(new() { ["Server:Urls"] = " ; " }));

    [Fact]
    public void Validate_QueueSmallerThanBatch_IsRefused() =>
        Assert.Equal(
            "RequestLog:QueueCapacity: must be at least RequestLog:BatchSize",
            SingleFailure(new() { ["RequestLog:BatchSize"] = "100", ["RequestLog:QueueCapacity"] = "99" }));

    [Fact]
    public void Validate_MistakesInAProviderAndInAModel_AreBothReported()
    {
        var result = Validate(new() { ["Providers:p:Preset"] = "nowhere", ["Models:m:Endpoints:0:Provider"] = "q" });

        Assert.Contains(result.Failures!, f => f.StartsWith("Providers:p:Preset: unknown preset 'nowhere'", StringComparison.Ordinal));
        Assert.Contains("Models:m:Endpoints:0:Provider: 'q' is not a configured provider", result.Failures!);
    }

    [Fact]
    public void Validate_CatalogMistakes_AreEachReportedWithTheirKey()
    {
        var result = Validate(new()
        {
            ["Catalog:Exclude:0"] = "gpt-4o",
            ["Catalog:Exclude:1"] = "gpt-4o-typo",
            ["Catalog:ShipedModels"] = "false",
            ["Providers:openai:ShippedModels"] = "true",
            ["Providers:azure:BaseUrl"] = "https://contoso.openai.azure.com",
            ["Providers:azure:ApiKey"] = "azure-key",
            ["Providers:azure:ShippedModels"] = "true",
        });

        Assert.Equal(
            [
                "Catalog:ShipedModels: unknown key (check its spelling against the documented configuration)",
                "Catalog:Exclude:1: 'gpt-4o-typo' is not a shipped model (see `tollway models list --shipped`)",
                "Providers:azure:ShippedModels: the 'azure' preset ships no models; list this provider's models under 'models'",
            ],
            result.Failures);
    }

    [Fact]
    public void Validate_AutoModelThatOnlyTheShippedCatalogHas_IsAcceptedWhileItsProviderIsConfigured()
    {
        var shipped = Validate(WithOpenAi(new() { ["Routing:AutoModels:0"] = "gpt-4o-mini" }));
        var turnedOff = Validate(WithOpenAi(new() { ["Routing:AutoModels:0"] = "gpt-4o-mini", ["Providers:openai:ShippedModels"] = "false" }));

        Assert.True(shipped.Succeeded, string.Join(Environment.NewLine, shipped.Failures ?? []));
        Assert.Equal(["Routing:AutoModels:0: 'gpt-4o-mini' is not a configured or shipped model"], turnedOff.Failures);
    }

    /// <summary>Adds an <c>openai</c> provider (key from the fake environment) for tests about models.</summary>
    private static Dictionary<string, string?> WithOpenAi(Dictionary<string, string?> settings) =>
        new(settings) { ["Providers:openai:Preset"] = "openai" };

    private static string SingleFailure(Dictionary<string, string?> settings, Dictionary<string, string>? environment = null)
    {
        var result = Validate(settings, environment);
        Assert.True(result.Failed);
        return Assert.Single(result.Failures!);
    }

    private static ValidateOptionsResult Validate(Dictionary<string, string?> settings, Dictionary<string, string>? environment = null) =>
        ValidateWith(Priced(settings), new FakeEnvironmentVariables(environment ?? ProviderKeys));

    /// <summary>Gives every endpoint the tests declare a price of zero unless they set one, so each test sees only the
    /// mistakes it made on purpose (an endpoint without a price is itself refused).</summary>
    private static Dictionary<string, string?> Priced(Dictionary<string, string?> settings)
    {
        var priced = new Dictionary<string, string?>(settings);
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Models:", StringComparison.Ordinal) && k.EndsWith(":Provider", StringComparison.Ordinal)))
        {
            var endpoint = key[..^":Provider".Length];
            priced.TryAdd(endpoint + ":Pricing:Input", "0");
            priced.TryAdd(endpoint + ":Pricing:Output", "0");
        }

        return priced;
    }

    private static ValidateOptionsResult ValidateWith(Dictionary<string, string?> settings, FakeEnvironmentVariables environment)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = GatewayConfiguration.Services(configuration, environment);
        var failures = services.GetRequiredService<ConfigurationCheck>().Failures();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
