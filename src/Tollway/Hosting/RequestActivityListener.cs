using System.Diagnostics;

namespace Tollway.Hosting;

/// <summary>
/// Gives every request an <see cref="Activity"/> while JSON logs are on, so that each line can carry the request's trace
/// id. ASP.NET Core starts its request activity only when something listens to its <see cref="ActivitySource"/>; with no
/// trace exporter nothing does. This listener asks for propagation data only: the activity takes the caller's
/// <c>traceparent</c> (or a new trace id) and records nothing, and an exporter's own sampling decides what is recorded.
/// It listens to this host's source alone, not to other hosts' of the same name in the process.
/// </summary>
internal sealed class RequestActivityListener : IDisposable
{
    private readonly ActivityListener _listener;

    public RequestActivityListener(ActivitySource hostSource)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, hostSource),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            SampleUsingParentId = static (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();
}
