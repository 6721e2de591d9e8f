package dev.nnc.runtime;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Python's format specification mini-language for numbers (what follows the {@code :} in
 * {@code "{val_loss:.4f}"}), and Python's {@code str(float)}, so the files Keras names and writes
 * ({@link ModelCheckpoint}'s paths, {@link CsvLogger}'s values) come out here character for
 * character.
 *
 * <p>Supported: {@code [[fill]align][sign][0][width][.precision][type]} with align one of
 * {@code < > ^ =}, sign one of {@code + - space}, and type {@code d} (whole numbers only),
 * {@code e E f F g G}, or none ({@code str} of the value, or with a precision {@code g} that keeps
 * a digit after the point). Decimal digits are rounded from the exact binary value, half to even,
 * as Python rounds them: {@code format(2.675, '.2f')} is {@code 2.67}, and {@code 0.125} with
 * {@code .2f} is {@code 0.12}. Not supported ({@code IllegalArgumentException} naming the part):
 * {@code z}, {@code #}, grouping ({@code ,} {@code _}), and the types {@code b c n o x X %}.
 * Immutable.
 */
final class FormatSpec {

    private static final String TYPES = "deEfFgG";

    private final String spec;
    private final char fill;
    private final char align;
    private final char sign;
    private final int width;
    /** -1: none given. */
    private final int precision;
    /** 0: none given. */
    private final char type;

    private FormatSpec(String spec, char fill, char align, char sign, int width, int precision, char type) {
        this.spec = spec;
        this.fill = fill;
        this.align = align;
        this.sign = sign;
        this.width = width;
        this.precision = precision;
        this.type = type;
    }

    /**
     * The specification {@code spec} (empty for none).
     *
     * @throws IllegalArgumentException when it is malformed or uses what is not supported, saying which part
     */
    static FormatSpec parse(String spec) {
        int n = spec.length();
        int i = 0;
        char fill = ' ';
        char align = 0;
        if (n >= 2 && isAlign(spec.charAt(1))) {
            fill = spec.charAt(0);
            align = spec.charAt(1);
            i = 2;
        } else if (n >= 1 && isAlign(spec.charAt(0))) {
            align = spec.charAt(0);
            i = 1;
        }
        boolean fillGiven = i == 2;
        char sign = '-';
        if (i < n && "+- ".indexOf(spec.charAt(i)) >= 0) {
            sign = spec.charAt(i++);
        }
        if (i < n && (spec.charAt(i) == 'z' || spec.charAt(i) == '#')) {
            throw new IllegalArgumentException("format spec '" + spec + "': the option '" + spec.charAt(i) + "' is not supported");
        }
        if (i < n && spec.charAt(i) == '0') {
            // Python: a 0 before the width pads with zeros after the sign, unless fill or align say otherwise
            i++;
            if (!fillGiven) {
                fill = '0';
            }
            if (align == 0) {
                align = '=';
            }
        }
        int start = i;
        while (i < n && Character.isDigit(spec.charAt(i))) {
            i++;
        }
        int width = start == i ? 0 : number(spec, start, i, "width");
        if (i < n && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) {
            throw new IllegalArgumentException("format spec '" + spec + "': grouping with '" + spec.charAt(i)
                    + "' is not supported");
        }
        int precision = -1;
        if (i < n && spec.charAt(i) == '.') {
            start = ++i;
            while (i < n && Character.isDigit(spec.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("format spec '" + spec + "': expected digits after '.', the precision");
            }
            precision = number(spec, start, i, "precision");
        }
        char type = 0;
        if (i < n) {
            type = spec.charAt(i++);
            if (TYPES.indexOf(type) < 0 || i < n) {
                throw new IllegalArgumentException("format spec '" + spec + "': expected [[fill]align][sign][0][width]"
                        + "[.precision][type] with a type among d, e, E, f, F, g, G or none, found '"
                        + spec.substring(i - 1) + "' at the end");
            }
        }
        return new FormatSpec(spec, fill, align == 0 ? '>' : align, sign, width, precision, type);
    }

    private static boolean isAlign(char c) {
        return c == '<' || c == '>' || c == '^' || c == '=';
    }

    private static int number(String spec, int from, int to, String what) {
        try {
            return Integer.parseInt(spec.substring(from, to));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("format spec '" + spec + "': the " + what + " is too large", e);
        }
    }

    /**
     * Whether this can format a whole number, and why not: Python refuses a precision for one
     * ({@code .2d}); every type but {@code d} formats it as a float.
     *
     * @throws IllegalArgumentException saying why it cannot
     */
    void requireFitsWholeNumber() {
        if (precision >= 0 && (type == 0 || type == 'd')) {
            throw new IllegalArgumentException("format spec '" + spec + "': a whole number takes no precision"
                    + (type == 0 ? "" : " with 'd'") + "; use a float type such as '." + precision + "f'");
        }
    }

    /**
     * Whether this can format a float: Python refuses {@code d} for one.
     *
     * @throws IllegalArgumentException saying why it cannot
     */
    void requireFitsFloat() {
        if (type == 'd') {
            throw new IllegalArgumentException("format spec '" + spec + "': 'd' formats whole numbers and this is a float;"
                    + " use a float type such as '.4f'");
        }
    }

    /** {@code format(value, spec)} of a Python {@code int}; see {@link #requireFitsWholeNumber()}. */
    String format(long value) {
        if (type != 0 && type != 'd') {
            return format((double) value);
        }
        String digits = Long.toString(value);
        return value < 0 ? pad("-", digits.substring(1)) : pad(positiveSign(), digits);
    }

    /** {@code format(value, spec)} of a Python {@code float}; see {@link #requireFitsFloat()}. */
    String format(double value) {
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        double magnitude = Math.abs(value);
        String body;
        if (!Double.isFinite(magnitude)) {
            body = Double.isNaN(magnitude) ? "nan" : "inf";
            if (type == 'E' || type == 'F' || type == 'G') {
                body = body.toUpperCase(Locale.ROOT);
            }
        } else {
            body = switch (type) {
                case 'f', 'F' -> fixed(magnitude, precision < 0 ? 6 : precision);
                case 'e', 'E' -> scientific(magnitude, precision < 0 ? 6 : precision, type);
                case 'g', 'G' -> general(magnitude, precision < 0 ? 6 : precision, type, false);
                default -> precision < 0 ? str(magnitude) : general(magnitude, precision, 'g', true);
            };
        }
        return pad(negative ? "-" : positiveSign(), body);
    }

    private String positiveSign() {
        return sign == '+' ? "+" : sign == ' ' ? " " : "";
    }

    /** Sign and digits padded to the width with the fill, as the alignment says. */
    private String pad(String signText, String body) {
        int padding = width - signText.length() - body.length();
        if (padding <= 0) {
            return signText + body;
        }
        String fills = String.valueOf(fill).repeat(padding);
        return switch (align) {
            case '<' -> signText + body + fills;
            case '^' -> fills.substring(padding - padding / 2) + signText + body + fills.substring(padding / 2);
            case '=' -> signText + fills + body;
            default -> fills + signText + body;
        };
    }

    /** {@code magnitude} (finite, at least 0) with {@code decimals} digits after the point. */
    private static String fixed(double magnitude, int decimals) {
        return new BigDecimal(magnitude).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code magnitude} (finite, at least 0) as {@code d.ddde+XX} with {@code decimals} digits after the point. */
    private static String scientific(double magnitude, int decimals, char type) {
        String digits;
        int exponent;
        if (magnitude == 0) {
            digits = "0".repeat(decimals + 1);
            exponent = 0;
        } else {
            BigDecimal rounded = new BigDecimal(magnitude).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
            String unscaled = rounded.unscaledValue().toString();
            digits = unscaled + "0".repeat(decimals + 1 - unscaled.length());
            exponent = rounded.precision() - rounded.scale() - 1;
        }
        String mantissa = decimals == 0 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + exponent(type == 'E' ? 'E' : 'e', exponent);
    }

    /** Python's exponent: {@code e}, its sign, and at least two digits. */
    private static String exponent(char e, int exponent) {
        int size = Math.abs(exponent);
        return e + (exponent < 0 ? "-" : "+") + (size < 10 ? "0" : "") + size;
    }

    /**
     * Python's {@code g} with {@code precision} significant digits: fixed-point when the rounded
     * value's exponent is in {@code [-4, precision)}, scientific otherwise, without trailing zeros.
     * With {@code keepPoint} (the type-less form with a precision) the fixed form keeps one digit
     * after the point and the scientific one starts at exponent {@code precision - 1}.
     */
    private static String general(double magnitude, int precision, char type, boolean keepPoint) {
        int digits = Math.max(precision, 1);
        int exponent = magnitude == 0 ? 0
                : exponentOf(new BigDecimal(magnitude).round(new MathContext(digits, RoundingMode.HALF_EVEN)));
        boolean fixedForm = exponent >= -4 && exponent < (keepPoint ? digits - 1 : digits);
        String text = fixedForm ? fixed(magnitude, digits - 1 - exponent)
                : scientific(magnitude, digits - 1, type == 'G' ? 'E' : 'e');
        int mark = fixedForm ? text.length() : text.indexOf(type == 'G' ? 'E' : 'e');
        String number = text.substring(0, mark);
        if (number.indexOf('.') >= 0) {
            number = number.replaceAll("0+$", "");
            number = number.endsWith(".") ? number.substring(0, number.length() - 1) : number;
        }
        if (keepPoint && fixedForm && number.indexOf('.') < 0) {
            number += ".0";
        }
        return number + text.substring(mark);
    }

    private static int exponentOf(BigDecimal nonZero) {
        return nonZero.precision() - nonZero.scale() - 1;
    }

    /**
     * Python's {@code str(value)} (and {@code repr}) of a float: the shortest decimal that reads
     * back as {@code value} (the nearest one when several are as short), in fixed-point when its
     * exponent is in {@code [-4, 16)} ({@code 0.0001}, {@code 1e-05}, {@code 1e+16}, with
     * {@code .0} on whole numbers), {@code nan}, {@code inf} and {@code -inf}.
     */
    static String str(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String sign = value < 0 || (value == 0 && 1 / value < 0) ? "-" : "";
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return sign + "0.0";
        }
        BigDecimal shortest = shortest(magnitude).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        // the value is 0.<digits> x 10^point
        int point = shortest.precision() - shortest.scale();
        String text;
        if (point <= -4 || point > 16) {
            text = (digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1)) + exponent('e', point - 1);
        } else if (point <= 0) {
            text = "0." + "0".repeat(-point) + digits;
        } else if (point < digits.length()) {
            text = digits.substring(0, point) + "." + digits.substring(point);
        } else {
            text = digits + "0".repeat(point - digits.length()) + ".0";
        }
        return sign + text;
    }

    /** The shortest decimal that reads back as {@code magnitude} (finite, above 0); 17 digits always do. */
    private static BigDecimal shortest(double magnitude) {
        BigDecimal exact = new BigDecimal(magnitude);
        for (int digits = 1; ; digits++) {
            BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(nearest.toString()) == magnitude) {
                return nearest;
            }
            // the nearest may fall just outside the values that read back where the other neighbour does not
            RoundingMode away = nearest.compareTo(exact) > 0 ? RoundingMode.DOWN : RoundingMode.UP;
            BigDecimal other = exact.round(new MathContext(digits, away));
            if (Double.parseDouble(other.toString()) == magnitude) {
                return other;
            }
        }
    }

    @Override
    public String toString() {
        return spec;
    }
}
