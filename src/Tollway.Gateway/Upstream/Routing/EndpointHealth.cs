namespace Tollway.Gateway.Upstream.Routing;

/// <summary>
/// What this node has seen of one endpoint: an exponentially weighted average of its time to first byte and of its
/// output speed, its recent outcomes in a sliding window, and its circuit. Open after too many failures in the
/// window; after the cool-down one probe is let through (half-open), which closes the circuit or opens it again.
/// Time comes from the injected clock, so all of it is tested without waiting.
/// </summary>
public sealed class EndpointHealth(string endpoint, RoutingOptions options, TimeProvider timeProvider)
{
    /// <summary>Weight of the newest sample in the averages.</summary>
    private const double Smoothing = 0.3;

    private readonly Lock _lock = new();
    private readonly OutcomeWindow _outcomes = new(options.BreakerWindow, timeProvider.TimestampFrequency);
    private BreakerState _state = BreakerState.Closed;
    private long _openedAt;
    private TimeSpan _coolDown;
    private bool _probing;
    private double? _latencyMs;
    private double? _tokensPerSecond;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;

    /// <summary>The endpoint's key (<see cref="Catalog.Models.ModelEndpoint.Key"/>).</summary>
    public string Endpoint => endpoint;

    /// <summary>The endpoint's provider.</summary>
    public string Provider { get; init; } = "";

    /// <summary>The average time to first byte, or <see langword="null"/> before any success.</summary>
    public double? LatencyMs
    {
        get
        {
            lock (_lock)
            {
                return _latencyMs;
            }
        }
    }

    /// <summary>The average output speed, or <see langword="null"/> before any measured stream.</summary>
    public double? TokensPerSecond
    {
        get
        {
            lock (_lock)
            {
                return _tokensPerSecond;
            }
        }
    }

    /// <summary>Whether a request could be sent now (closed, or open with the cool-down over and no probe out).</summary>
    public bool IsAvailable
    {
        get
        {
            lock (_lock)
            {
                return _state switch
                {
                    BreakerState.Closed => true,
                    BreakerState.Open => timeProvider.GetElapsedTime(_openedAt) >= _coolDown,
                    _ => !_probing,
                };
            }
        }
    }

    /// <summary>Claims the right to send a request: always when closed; once (the probe) when the cool-down is over.</summary>
    public bool TryAcquire()
    {
        lock (_lock)
        {
            if (_state == BreakerState.Open && timeProvider.GetElapsedTime(_openedAt) >= _coolDown)
            {
                _state = BreakerState.HalfOpen;
                _probing = false;
            }

            switch (_state)
            {
                case BreakerState.Closed:
                    return true;
                case BreakerState.HalfOpen when !_probing:
                    _probing = true;
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>Records an answer: its time to first byte, and its output speed when known.</summary>
    public void RecordSuccess(TimeSpan firstByte, double? tokensPerSecond)
    {
        lock (_lock)
        {
            _latencyMs = Average(_latencyMs, firstByte.TotalMilliseconds);
            if (tokensPerSecond is { } speed)
            {
                _tokensPerSecond = Average(_tokensPerSecond, speed);
            }

            Add(failed: false);
            if (_state == BreakerState.HalfOpen)
            {
                _state = BreakerState.Closed;
                _probing = false;
                _outcomes.Clear();
            }
        }
    }

    /// <summary>Records a failure; a quota or credentials failure opens the circuit at once, for the longer cool-down.</summary>
    public void RecordFailure(string error, bool quota)
    {
        lock (_lock)
        {
            _lastError = error;
            _lastErrorAt = timeProvider.GetUtcNow();
            Add(failed: true);
            var (outcomes, failures) = _outcomes.Count(timeProvider.GetTimestamp());
            var tripped = quota || _state == BreakerState.HalfOpen
                || (outcomes >= options.BreakerMinimumRequests && (long)failures * 100 >= (long)options.BreakerFailurePercent * outcomes);
            if (tripped)
            {
                _state = BreakerState.Open;
                _openedAt = timeProvider.GetTimestamp();
                _coolDown = quota ? options.QuotaCoolDown : options.BreakerCoolDown;
                _probing = false;
            }
        }
    }

    /// <summary>A copy for the admin API.</summary>
    public EndpointHealthSnapshot Snapshot()
    {
        lock (_lock)
        {
            var (outcomes, failures) = _outcomes.Count(timeProvider.GetTimestamp());
            var state = _state == BreakerState.Open && timeProvider.GetElapsedTime(_openedAt) >= _coolDown ? BreakerState.HalfOpen : _state;
            return new EndpointHealthSnapshot(endpoint, state, _latencyMs, _tokensPerSecond, outcomes, failures, _lastError, _lastErrorAt);
        }
    }

    private static double Average(double? average, double sample) => average is { } value ? value + (Smoothing * (sample - value)) : sample;

    private void Add(bool failed) => _outcomes.Add(timeProvider.GetTimestamp(), failed);
}
