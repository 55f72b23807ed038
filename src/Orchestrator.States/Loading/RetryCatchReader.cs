using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Intrinsics;
using Orchestrator.States.Json;
using Orchestrator.States.Model;
using Orchestrator.States.Paths;

namespace Orchestrator.States.Loading;

/// <summary>Reads Retry and Catch: ErrorEquals rules (States.ALL alone and last, reserved names), retrier fields, catcher targets.</summary>
internal static class RetryCatchReader
{
    public static List<Retrier> ReadRetry(LoadContext context, JsonObject obj, string pointer)
    {
        var retriers = new List<Retrier>();
        if (!obj.TryGetPropertyValue("Retry", out var node))
        {
            return retriers;
        }

        if (node is not JsonArray array)
        {
            context.Problem(pointer + "/Retry", "Retry must be an array of retriers.");
            return retriers;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var p = $"{pointer}/Retry/{i}";
            if (array[i] is not JsonObject r)
            {
                context.Problem(p, "A retrier must be an object.");
                continue;
            }

            context.CheckFields(r, p, ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"]);
            var errors = ReadErrorEquals(context, r, p, isLast: i == array.Count - 1, "retrier");
            var retrier = new Retrier { ErrorEquals = errors };
            if (r.TryGetPropertyValue("IntervalSeconds", out var interval))
            {
                if (JsonValues.TryGetInt64(interval, out var v) && v >= 1 && v <= 99999999)
                {
                    retrier = retrier with { IntervalSeconds = v };
                }
                else
                {
                    context.Problem(p + "/IntervalSeconds", "IntervalSeconds must be an integer between 1 and 99999999.");
                }
            }

            if (r.TryGetPropertyValue("MaxAttempts", out var attempts))
            {
                if (JsonValues.TryGetInt64(attempts, out var v) && v >= 0 && v <= 99999999)
                {
                    retrier = retrier with { MaxAttempts = (int)v };
                }
                else
                {
                    context.Problem(p + "/MaxAttempts", "MaxAttempts must be a non-negative integer (at most 99999999).");
                }
            }

            if (r.TryGetPropertyValue("BackoffRate", out var backoff))
            {
                if (JsonValues.TryGetDouble(backoff, out var v) && v >= 1.0 && v <= 99999999)
                {
                    retrier = retrier with { BackoffRate = v };
                }
                else
                {
                    context.Problem(p + "/BackoffRate", "BackoffRate must be a number >= 1.0.");
                }
            }

            if (r.TryGetPropertyValue("MaxDelaySeconds", out var maxDelay))
            {
                if (JsonValues.TryGetInt64(maxDelay, out var v) && v >= 1 && v <= 31622400)
                {
                    retrier = retrier with { MaxDelaySeconds = v };
                }
                else
                {
                    context.Problem(p + "/MaxDelaySeconds", "MaxDelaySeconds must be an integer between 1 and 31622400.");
                }
            }

            if (r.TryGetPropertyValue("JitterStrategy", out var jitter))
            {
                var text = JsonValues.TryGetString(jitter, out var s) ? s : null;
                if (text is "FULL" or "NONE")
                {
                    retrier = retrier with { Jitter = text == "FULL" ? JitterStrategy.Full : JitterStrategy.None };
                }
                else
                {
                    context.Problem(p + "/JitterStrategy", "JitterStrategy must be \"FULL\" or \"NONE\".");
                }
            }

            retriers.Add(retrier);
        }

        return retriers;
    }

    public static List<Catcher> ReadCatch(LoadContext context, JsonObject obj, string pointer, bool jsonPath)
    {
        var catchers = new List<Catcher>();
        if (!obj.TryGetPropertyValue("Catch", out var node))
        {
            return catchers;
        }

        if (node is not JsonArray array)
        {
            context.Problem(pointer + "/Catch", "Catch must be an array of catchers.");
            return catchers;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var p = $"{pointer}/Catch/{i}";
            if (array[i] is not JsonObject c)
            {
                context.Problem(p, "A catcher must be an object.");
                continue;
            }

            context.CheckFields(c, p, ["ErrorEquals", "Next", "ResultPath", "Comment", "Assign", "Output"]);
            if (jsonPath && c.ContainsKey("Output"))
            {
                context.Problem(p + "/Output", QueryLanguageFields.JsonataOnlyMessage("Output"));
            }

            var errors = ReadErrorEquals(context, c, p, isLast: i == array.Count - 1, "catcher");
            string next = string.Empty;
            if (!c.TryGetPropertyValue("Next", out var nextNode) || !JsonValues.TryGetString(nextNode, out next) || next.Length == 0)
            {
                context.Problem(p + "/Next", "A catcher requires Next naming a state.");
            }

            catchers.Add(new Catcher
            {
                ErrorEquals = errors,
                Next = next,
                ResultPath = jsonPath ? context.ReadPathField(c, p, "ResultPath", reference: true) : PathField.Root,
                Assign = jsonPath ? context.ReadAssign(c, p) : null,
                Jsonata = jsonPath ? null : JsonataFieldReader.ReadClause(context, c, p, string.Create(CultureInfo.InvariantCulture, $"Catch[{i}]")),
            });
        }

        return catchers;
    }

    public static List<string> ReadErrorEquals(LoadContext context, JsonObject obj, string pointer, bool isLast, string what)
    {
        var errors = new List<string>();
        if (!obj.TryGetPropertyValue("ErrorEquals", out var node) || node is not JsonArray array || array.Count == 0)
        {
            context.Problem(pointer + "/ErrorEquals", $"A {what} requires ErrorEquals: a non-empty array of error names.");
            return errors;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (!JsonValues.TryGetString(array[i], out var name) || name.Length == 0)
            {
                context.Problem($"{pointer}/ErrorEquals/{i}", "An error name must be a non-empty string.");
                continue;
            }

            if (name.StartsWith("States.", StringComparison.Ordinal) && !StatesErrorNames.Known.Contains(name))
            {
                context.Problem($"{pointer}/ErrorEquals/{i}", $"'{name}' is not a predefined error name; names starting with 'States.' are reserved.");
            }

            errors.Add(name);
        }

        if (errors.Contains(StatesErrorNames.All))
        {
            if (array.Count > 1)
            {
                context.Problem(pointer + "/ErrorEquals", "States.ALL must appear alone in ErrorEquals.");
            }

            if (!isLast)
            {
                context.Problem(pointer + "/ErrorEquals", $"A {what} with States.ALL must be the last one.");
            }
        }

        return errors;
    }

}
