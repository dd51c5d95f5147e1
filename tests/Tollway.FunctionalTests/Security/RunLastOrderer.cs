using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace Tollway.FunctionalTests.Security;

/// <summary>Runs a class's tests marked <see cref="RunLastAttribute"/> after all the others: a check of what a whole
/// theory left behind must wait until the theory is done. The rest keep xunit's own order.</summary>
public sealed class RunLastOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        [.. DefaultTestCaseOrderer.Instance.OrderTestCases(testCases).OrderBy(testCase => IsLast(testCase))];

    private static bool IsLast(ITestCase testCase) =>
        testCase is IXunitTestCase xunit && xunit.TestMethod.Method.IsDefined(typeof(RunLastAttribute));
}
