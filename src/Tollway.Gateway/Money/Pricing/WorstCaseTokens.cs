namespace Tollway.Gateway.Money.Pricing;

/// <summary>
/// The token counts a worst case is priced for (see <see cref="CostCalculator"/>):
/// the prompt tokens held, the most output of one choice, the number of choices, and of the prompt tokens those that
/// may be audio. A value passed by reference, so bundling them costs the hot path nothing.
/// </summary>
/// <param name="Prompt">The prompt tokens held.</param>
/// <param name="MaxOutput">The most output tokens of one choice.</param>
/// <param name="Choices">How many completions the request asks for (<c>n</c>), at least one.</param>
/// <param name="Audio">Of <paramref name="Prompt"/>, the tokens that may be audio.</param>
public readonly record struct WorstCaseTokens(int Prompt, int MaxOutput, int Choices, int Audio = 0);
