namespace Tollway.Gateway.Wire;

/// <summary>Bytes to insert into a JSON document at an offset.</summary>
internal readonly record struct JsonInsertion(int Offset, byte[] Bytes);
