using System.Text.Json.Serialization;

namespace Orchestrator.States.Tests;

/// <summary>Source-generated JSON for the few values tests serialize (no reflection JSON anywhere).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class TestJson : JsonSerializerContext;
