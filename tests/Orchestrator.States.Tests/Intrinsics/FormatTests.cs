namespace Orchestrator.States.Tests.Intrinsics;

public sealed class FormatTests
{
    [Theory]
    [InlineData("\"Ada\"", "Hello Ada!")]
    [InlineData("null", "Hello null!")]
    [InlineData("true", "Hello true!")]
    [InlineData("-1.5", "Hello -1.5!")]
    [InlineData("""{"Arg1": 1, "Arg2": [], "name": "x", "none": null}""", "Hello {Arg1=1, Arg2=[], name=x, none=null}!")]
    [InlineData("""[1, "a", [true], {"k": "v"}]""", "Hello [1, a, [true], {k=v}]!")]
    public void Renders_each_value_as_AWS_does(string valueJson, string expected) =>
        Assert.Equal(expected, Intrinsic.Evaluate("States.Format('Hello {}!', $.value)", $$"""{"value": {{valueJson}}}""")!.GetValue<string>());

    [Fact]
    public void Fills_placeholders_in_order() =>
        Assert.Equal("x=1, y=2", Intrinsic.Evaluate("States.Format('x={}, y={}', $.x, $.y)", """{"x": 1, "y": 2}""")!.GetValue<string>());

    [Fact]
    public void Takes_the_template_from_a_path() =>
        Assert.Equal(
            "It's Pikachu!",
            Intrinsic.Evaluate("States.Format($.template, $.name)", """{"template": "It's {}!", "name": "Pikachu"}""")!.GetValue<string>());

    [Fact]
    public void Returns_a_template_without_placeholders_unchanged() =>
        Assert.Equal("no placeholders", Intrinsic.Evaluate("States.Format('no placeholders')")!.GetValue<string>());

    [Fact]
    public void Escaped_braces_are_text_not_placeholders() =>
        Assert.Equal(@"{literal} \ x", Intrinsic.Evaluate(@"States.Format('\{literal\} \\ {}', 'x')")!.GetValue<string>());

    [Fact]
    public void Placeholder_values_are_not_reinterpreted() =>
        Assert.Equal("a {} b", Intrinsic.Evaluate("States.Format('a {} b', $.v)", """{"v": "{}"}""")!.GetValue<string>());

    [Theory]
    [InlineData("States.Format('{} {}', 'x')")]
    [InlineData("States.Format('{}', 'x', 'y')")]
    [InlineData("States.Format('no placeholder', 'x')")]
    [InlineData("States.Format('Hello {', 'x')")]
    [InlineData("States.Format('Hello {{}}', 'x')")]
    [InlineData("States.Format('}')")]
    [InlineData("States.Format($.number)")]
    [InlineData("States.Format(null)")]
    public void Fails_on_mismatched_placeholders_lone_braces_and_non_string_templates(string expression) =>
        Intrinsic.AssertInvalidArguments(expression, """{"number": 1}""");
}
