using System.Text;
using Orchestrator.States.Execution;
using Orchestrator.States.Integrations;
using Orchestrator.Testing;

namespace Orchestrator.States.Tests;

public sealed class DynamoDbIntegrationTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private static readonly HttpClient Http = new();

    private async Task<string> CreateTableAsync()
    {
        var table = "runs-" + Guid.NewGuid().ToString("N")[..8];
        var (ok, body) = await CallAsync("CreateTable", $$"""
            {"TableName":"{{table}}","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
             "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}
            """);
        Assert.True(ok, body);

        // dynalite activates a new table asynchronously even with --createTableMs 0: wait for ACTIVE (bounded by attempts, not time).
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var (_, description) = await CallAsync("DescribeTable", $$"""{"TableName":"{{table}}"}""");
            if (description.Contains("\"TableStatus\":\"ACTIVE\"", StringComparison.Ordinal))
            {
                return table;
            }

            await Task.Yield();
        }

        throw new InvalidOperationException($"table {table} never became ACTIVE");
    }

    private async Task<(bool Ok, string Body)> CallAsync(string operation, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, dynalite.Endpoint) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810." + operation);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20260101T000000Z");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=LOCAL/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00");
        using var response = await Http.SendAsync(request);
        return (response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private EngineOptions Options() => new()
    {
        Time = new FakeTimeProvider(),
        Tasks = DynamoDbTaskHandler.Register(new TaskHandlerRegistry(), new DynamoDbTaskHandler(Http, new Uri(dynalite.Endpoint))),
    };

    [Fact]
    public async Task Put_then_get_round_trips_an_item()
    {
        var table = await CreateTableAsync();
        var machine = """
            {"StartAt":"Put","States":{
              "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","ResultPath":"$.put",
                "Parameters":{"TableName":"TABLE","Item":{"pk":{"S.$":"$.id"},"status":{"S":"SUCCEEDED"}}},"Next":"Get"},
              "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
                "Parameters":{"TableName":"TABLE","Key":{"pk":{"S.$":"$.id"}}},"ResultPath":"$.got","Next":"Update"},
              "Update":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:updateItem","ResultPath":"$.updated",
                "Parameters":{"TableName":"TABLE","Key":{"pk":{"S.$":"$.id"}},"UpdateExpression":"SET attempts = :a",
                  "ExpressionAttributeValues":{":a":{"N":"2"}},"ReturnValues":"UPDATED_NEW"},"Next":"Delete"},
              "Delete":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:deleteItem","ResultPath":"$.deleted",
                "Parameters":{"TableName":"TABLE","Key":{"pk":{"S.$":"$.id"}}},"End":true}}}
            """.Replace("TABLE", table, StringComparison.Ordinal);
        var output = await Run.Output(machine, """{"id":"run-1"}""", Options());
        Run.Equal("{}", output!["put"]);
        Run.Equal("""{"Item":{"pk":{"S":"run-1"},"status":{"S":"SUCCEEDED"}}}""", output["got"]);
        Run.Equal("""{"Attributes":{"attempts":{"N":"2"}}}""", output["updated"]);
    }

    [Fact]
    public async Task A_failed_condition_is_DynamoDB_ConditionalCheckFailedException_and_catchable()
    {
        var table = await CreateTableAsync();
        var machine = """
            {"StartAt":"Claim","States":{
              "Claim":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
                "Parameters":{"TableName":"TABLE","Item":{"pk":{"S":"same"}},"ConditionExpression":"attribute_not_exists(pk)"},
                "Catch":[{"ErrorEquals":["DynamoDB.ConditionalCheckFailedException"],"ResultPath":"$.error","Next":"Duplicate"}],"End":true},
              "Duplicate":{"Type":"Pass","End":true}}}
            """.Replace("TABLE", table, StringComparison.Ordinal);
        await Run.Output(machine, "{}", Options());
        var second = await Run.Output(machine, "{}", Options());
        Assert.Equal("DynamoDB.ConditionalCheckFailedException", second!["error"]!["Error"]!.GetValue<string>());
        Assert.Contains("Status Code: 400; Error Code: ConditionalCheckFailedException", second["error"]!["Cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_table_is_ResourceNotFoundException()
    {
        var result = await Run.Async("""
            {"StartAt":"Get","States":{"Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","Parameters":{"TableName":"nope","Key":{"pk":{"S":"x"}}},"End":true}}}
            """, "{}", Options());
        Assert.Equal("DynamoDB.ResourceNotFoundException", result.Error);
    }

    [Fact]
    public async Task The_signer_is_pluggable()
    {
        var table = await CreateTableAsync();
        var signed = 0;
        DynamoDbRequestSigner signer = (request, body, _) =>
        {
            Interlocked.Increment(ref signed);
            Assert.NotEmpty(body);
            request.Headers.TryAddWithoutValidation("X-Amz-Date", "20260101T000000Z");
            request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=TEST/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=11");
            return ValueTask.CompletedTask;
        };
        var options = new EngineOptions
        {
            Time = new FakeTimeProvider(),
            Tasks = DynamoDbTaskHandler.Register(new TaskHandlerRegistry(), new DynamoDbTaskHandler(Http, new Uri(dynalite.Endpoint), signer)),
        };
        await Run.Output("""
            {"StartAt":"Put","States":{"Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"TableName":"TABLE","Item":{"pk":{"S":"a"}}},"End":true}}}
            """.Replace("TABLE", table, StringComparison.Ordinal), "{}", options);
        Assert.Equal(1, signed);
    }
}
