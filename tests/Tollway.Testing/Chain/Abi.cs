using System.Globalization;
using System.Numerics;
using System.Text;
using Nethereum.Util;

namespace Tollway.Testing.Chain;

/// <summary>Just enough ABI encoding for the tests' calls to the test stablecoin (selectors, addresses, numbers, strings, arrays).</summary>
public static class Abi
{
    /// <summary>The 4-byte selector of a signature such as <c>transfer(address,uint256)</c>, as 8 hex digits.</summary>
    public static string Selector(string signature) => Sha3Keccack.Current.CalculateHash(signature)[..8];

    /// <summary>An address as a 32-byte word.</summary>
    public static string Address(string address) => address[2..].ToLowerInvariant().PadLeft(64, '0');

    /// <summary>An unsigned number as a 32-byte word.</summary>
    public static string Word(BigInteger value) => value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(64, '0');

    /// <summary>A call: selector and static words.</summary>
    public static string Call(string signature, params string[] words) => "0x" + Selector(signature) + string.Concat(words);

    /// <summary>Constructor arguments that are all strings (head of offsets, then each length and padded bytes).</summary>
    public static string EncodeStrings(params string[] values)
    {
        var head = new StringBuilder();
        var tail = new StringBuilder();
        var offset = 32 * values.Length;
        foreach (var value in values)
        {
            head.Append(Word(offset));
            var bytes = Encoding.UTF8.GetBytes(value);
            var padded = (bytes.Length + 31) / 32 * 32;
            tail.Append(Word(bytes.Length)).Append(Convert.ToHexStringLower(bytes).PadRight(padded * 2, '0'));
            offset += 32 + padded;
        }

        return head.Append(tail).ToString();
    }

    /// <summary>A call with two dynamic arrays of words (<c>f(address[],uint256[])</c>).</summary>
    public static string CallWithArrays(string signature, IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        var firstOffset = 64;
        var secondOffset = firstOffset + 32 * (first.Count + 1);
        return "0x" + Selector(signature) + Word(firstOffset) + Word(secondOffset)
            + Word(first.Count) + string.Concat(first) + Word(second.Count) + string.Concat(second);
    }
}
