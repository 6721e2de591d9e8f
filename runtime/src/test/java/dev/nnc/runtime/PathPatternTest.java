package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Python's str.format as Keras names checkpoints. Every expected string was printed by CPython 3
 * ({@code format(value, spec)}, {@code str(value)}, {@code pattern.format(epoch=..., **logs)}).
 */
class PathPatternTest {

    private static String format(double value, String spec) {
        return FormatSpec.parse(spec).format(value);
    }

    private static String format(long value, String spec) {
        return FormatSpec.parse(spec).format(value);
    }

    @Test
    void fixedPointRoundsTheExactBinaryValueHalfToEven() {
        assertEquals("0.52", format(0.5234, ".2f"));
        assertEquals("2.67", format(2.675, ".2f"));      // 2.67499999... in binary
        assertEquals("1.00", format(1.005, ".2f"));
        assertEquals("0.12", format(0.125, ".2f"));      // a true tie: to even
        assertEquals("0.38", format(0.375, ".2f"));
        assertEquals("2", format(2.5, ".0f"));
        assertEquals("4", format(3.5, ".0f"));
        assertEquals("0.10000000000000000555", format(0.1, ".20f"));
        assertEquals("10000000000000000000000.000000", format(1e22, "f"));
        assertEquals("-0.00", format(-0.001, ".2f"));
        assertEquals("-0.0", format(-0.0, ".1f"));
        assertEquals("3.00", format(3L, ".2f"));
    }

    @Test
    void scientificAndGeneralFormsAreCPythons() {
        assertEquals("1.235e+04", format(12345.678, ".3e"));
        assertEquals("1.230000e-04", format(0.000123, "e"));
        assertEquals("0.00e+00", format(0.0, ".2e"));
        assertEquals("1.000e+01", format(9.9996, ".3e"));
        assertEquals("2e+00", format(2.5, ".0e"));
        assertEquals("4.941e-324", format(5e-324, ".3e"));
        assertEquals("3.000000e+00", format(3L, "e"));
        assertEquals("0.0001234", format(0.0001234, "g"));
        assertEquals("1.23457e+08", format(123456789.0, "g"));
        assertEquals("100000", format(100000.0, "g"));
        assertEquals("1e+06", format(1e6, "g"));
        assertEquals("0", format(0.0, "g"));
        assertEquals("7", format(7.0, ".0g"));
        assertEquals("1234.5", format(1234.5, "G"));
        assertEquals("1.23E-07", format(1.23456789e-7, ".3G"));
        assertEquals("1e-05", format(1e-5, ".3g"));
        assertEquals("0.0001", format(1e-4, ".3g"));
        assertEquals("3", format(3L, "g"));
        // no type with a precision: like g, but a digit after the point and scientific from precision - 1
        assertEquals("0.5", format(0.5, ".3"));
        assertEquals("12.0", format(12.0, ".3"));
        assertEquals("1.23e+02", format(123.0, ".3"));
        assertEquals("9.9e+01", format(99.0, ".2"));
        assertEquals("1e+02", format(100.0, ".2"));
        assertEquals("0.0", format(0.0, ".3"));
        assertEquals("1.23456e+05", format(123456.0, ".6"));
    }

    @Test
    void nonFiniteValuesAreSpelledAsPythonSpellsThem() {
        assertEquals("nan", format(Double.NaN, ".2f"));
        assertEquals("INF", format(Double.POSITIVE_INFINITY, "F"));
        assertEquals("-inf", format(Double.NEGATIVE_INFINITY, ".1e"));
        assertEquals("NAN", format(Double.NaN, "G"));
    }

    @Test
    void fillAlignSignAndWidth() {
        assertEquals("03", format(3L, "02d"));
        assertEquals("012", format(12L, "03"));
        assertEquals("123", format(123L, "02d"));
        assertEquals("   3", format(3L, ">4d"));
        assertEquals("**3**", format(3L, "*^5d"));
        assertEquals(" 3  ", format(3L, "^4d"));
        assertEquals("-003", format(-3L, "04d"));
        assertEquals("+   7", format(7L, "=+5d"));
        assertEquals("3   ", format(3L, "<4"));
        assertEquals("3", format(3L, "0"));
        assertEquals("+3", format(3L, "+d"));
        assertEquals(" 3", format(3L, " d"));
        assertEquals("30000", format(3L, "0<5d"));
        assertEquals("3xxxx", format(3L, "x<5d"));
        assertEquals("+0.5", format(0.5, "+.1f"));
        assertEquals(" 1.5", format(1.5, " .1f"));
        assertEquals("-0002.50", format(-2.5, "08.2f"));
        assertEquals("       0.5", format(0.5, "10"));
        assertEquals("0.500   ", format(0.5, "<8.3f"));
        assertEquals("**0.50***", format(0.5, "*^9.2f"));
        assertEquals("+   0.50", format(0.5, "=+8.2f"));
        assertEquals("       0.1", format(0.1, "10.3"));
    }

    @Test
    void strIsTheShortestDecimalThatReadsBack() {
        assertEquals("0.1", FormatSpec.str(0.1));
        assertEquals("0.30000000000000004", FormatSpec.str(0.1 + 0.2));
        assertEquals("0.10000000149011612", FormatSpec.str(0.1f));
        assertEquals("0.6931471824645996", FormatSpec.str((float) Math.log(2)));
        assertEquals("9.999999747378752e-05", FormatSpec.str(1e-4f));
        assertEquals("0.0001", FormatSpec.str(1e-4));
        assertEquals("1e-05", FormatSpec.str(1e-5));
        assertEquals("2.5e-05", FormatSpec.str(2.5e-5));
        assertEquals("3e-07", FormatSpec.str(3e-7));
        assertEquals("1.23e-18", FormatSpec.str(123e-20));
        assertEquals("100.0", FormatSpec.str(100.0));
        assertEquals("123456789.0", FormatSpec.str(123456789.0));
        assertEquals("1000000000000000.0", FormatSpec.str(1e15));
        assertEquals("1234567890123456.0", FormatSpec.str(1234567890123456.0));
        assertEquals("1e+16", FormatSpec.str(1e16));
        assertEquals("1.2345678901234568e+16", FormatSpec.str(12345678901234567.0));
        assertEquals("1e+21", FormatSpec.str(1e21));
        assertEquals("5e-324", FormatSpec.str(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", FormatSpec.str(Double.MAX_VALUE));
        assertEquals("-1.5", FormatSpec.str(-1.5));
        assertEquals("-0.0", FormatSpec.str(-0.0));
        assertEquals("nan", FormatSpec.str(Double.NaN));
        assertEquals("inf", FormatSpec.str(Double.POSITIVE_INFINITY));
        assertEquals("-inf", FormatSpec.str(Double.NEGATIVE_INFINITY));
        assertEquals("1e-05", format(1e-5, ""));
        assertEquals("3", format(3L, ""));
    }

    private static Map<String, Double> logs(Object... namesAndValues) {
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            logs.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
        }
        return logs;
    }

    @Test
    void patternsFillTheEpochFromOneAndTheLogs() {
        Map<String, Double> logs = logs("loss", 0.61, "val_loss", 0.5234);
        assertEquals("weights.03-0.52.safetensors",
                PathPattern.parse("weights.{epoch:02d}-{val_loss:.2f}.safetensors").format(2, logs));
        assertEquals("run/3-0.5234-0.61", PathPattern.parse("run/{epoch}-{val_loss}-{loss}").format(2, logs));
        assertEquals("{3}-0.523}", PathPattern.parse("{{{epoch}}}-{val_loss:.3f}}}").format(2, logs));
        assertEquals("plain.safetensors", PathPattern.parse("plain.safetensors").format(0, logs));
        assertEquals("e0001", PathPattern.parse("e{epoch:04}").format(0, logs));
    }

    @Test
    void aNameThatIsNotLoggedListsTheLogs() {
        PathPattern pattern = PathPattern.parse("w-{val_acc:.2f}.safetensors");
        var e = assertThrows(IllegalArgumentException.class, () -> pattern.format(0, logs("loss", 1.0, "val_loss", 2.0)));
        assertEquals("pathPattern 'w-{val_acc:.2f}.safetensors': placeholder {val_acc:.2f} is not in the logs of epoch 0;"
                + " available: [epoch, loss, val_loss]", e.getMessage());
    }

    private static String refusal(String pattern) {
        return assertThrows(IllegalArgumentException.class, () -> PathPattern.parse(pattern)).getMessage();
    }

    @Test
    void malformedPatternsAndSpecsAreRefusedNamingThePlaceholder() {
        assertEquals("pathPattern 'w{epoch:.2d}': placeholder {epoch:.2d}: format spec '.2d': a whole number takes no"
                + " precision with 'd'; use a float type such as '.2f'", refusal("w{epoch:.2d}"));
        assertEquals("pathPattern 'w{epoch:.2}': placeholder {epoch:.2}: format spec '.2': a whole number takes no"
                + " precision; use a float type such as '.2f'", refusal("w{epoch:.2}"));
        assertEquals("pathPattern 'w{val_loss:02d}': placeholder {val_loss:02d}: format spec '02d': 'd' formats whole"
                + " numbers and this is a float; use a float type such as '.4f'", refusal("w{val_loss:02d}"));
        assertEquals("pathPattern 'w{epoch:02q}': placeholder {epoch:02q}: format spec '02q': expected"
                + " [[fill]align][sign][0][width][.precision][type] with a type among d, e, E, f, F, g, G or none,"
                + " found 'q' at the end", refusal("w{epoch:02q}"));
        assertEquals("pathPattern 'w{loss:.f}': placeholder {loss:.f}: format spec '.f': expected digits after '.',"
                + " the precision", refusal("w{loss:.f}"));
        assertEquals("pathPattern 'w{loss:,.2f}': placeholder {loss:,.2f}: format spec ',.2f': grouping with ','"
                + " is not supported", refusal("w{loss:,.2f}"));
        assertEquals("pathPattern 'w{loss:#x}': placeholder {loss:#x}: format spec '#x': the option '#' is not supported",
                refusal("w{loss:#x}"));
        assertEquals("pathPattern 'w{}': placeholder {} names nothing; name 'epoch' or a logged value such as 'val_loss'",
                refusal("w{}"));
        assertEquals("pathPattern 'w{loss!r}': placeholder {loss!r} has a conversion ('!'), which is not supported",
                refusal("w{loss!r}"));
        assertEquals("pathPattern 'w{a.b}': placeholder {a.b} reads an attribute or an index, which is not supported",
                refusal("w{a.b}"));
        assertEquals("pathPattern 'w{loss:{w}}': placeholder {loss:{w} nests a placeholder, which is not supported",
                refusal("w{loss:{w}}"));
        assertEquals("pathPattern 'w{epoch': the '{' at index 1 is not closed; write '{{' for a brace in the name",
                refusal("w{epoch"));
        assertEquals("pathPattern 'w}': a single '}' at index 1; write '}}' for a brace in the name", refusal("w}"));
    }
}
