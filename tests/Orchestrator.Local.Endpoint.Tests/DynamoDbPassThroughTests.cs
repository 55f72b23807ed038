using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Orchestrator.Testing;

namespace Orchestrator.Local.Endpoint.Tests;

/// <summary>
/// The Step Functions endpoint passes DynamoDB requests on to local DynamoDB, so one --endpoint-url serves the run
/// commands. Driven with the AWS SDK's own DynamoDB client (it signs, and checks the CRC32 of every response body).
/// </summary>
public sealed class DynamoDbPassThroughTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    [Fact]
    public async Task The_AWS_SDK_creates_writes_reads_and_gets_DynamoDB_errors_through_the_Step_Functions_endpoint()
    {
        await using var endpoint = await LocalStepFunctionsEndpoint.StartNewAsync(new LocalStepFunctionsOptions { DynamoDbPassThrough = new Uri(dynalite.Endpoint) });
        using var client = Client(endpoint.Uri);
        var table = "pass-" + Guid.NewGuid().ToString("N")[..8];

        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        await client.PutItemAsync(table, new Dictionary<string, AttributeValue> { ["id"] = new("run-1"), ["status"] = new("SUCCEEDED"), ["note"] = new("é ✓ \"quoted\"") });
        var item = (await client.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["id"] = new("run-1") })).Item;

        Assert.Equal("SUCCEEDED", item["status"].S);
        Assert.Equal("é ✓ \"quoted\"", item["note"].S);
        // Written through the endpoint, there in dynalite itself.
        using var direct = Client(new Uri(dynalite.Endpoint));
        Assert.Equal("SUCCEEDED", (await direct.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["id"] = new("run-1") })).Item["status"].S);

        // DynamoDB's own errors arrive as the typed exceptions the SDK makes of them.
        var missing = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.GetItemAsync("no-such-table", new Dictionary<string, AttributeValue> { ["id"] = new("x") }));
        Assert.Equal("ResourceNotFoundException", missing.ErrorCode);
        var conditional = await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => client.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = new Dictionary<string, AttributeValue> { ["id"] = new("run-1") },
            ConditionExpression = "attribute_not_exists(id)",
        }));
        Assert.Equal("ConditionalCheckFailedException", conditional.ErrorCode);
    }

    [Fact]
    public async Task When_local_DynamoDB_is_not_there_the_client_is_told_which_address_did_not_answer()
    {
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        await using var endpoint = await LocalStepFunctionsEndpoint.StartNewAsync(new LocalStepFunctionsOptions { DynamoDbPassThrough = nowhere });
        using var client = Client(endpoint.Uri);

        var error = await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => client.ListTablesAsync(new ListTablesRequest()));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains(nowhere.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("dynalite", error.Message, StringComparison.Ordinal);
    }

    private static AmazonDynamoDBClient Client(Uri endpoint) => new(
        new BasicAWSCredentials("AKIDLOCALTEST", "local-secret"),
        new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
}
