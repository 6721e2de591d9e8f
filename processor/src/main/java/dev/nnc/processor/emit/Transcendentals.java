package dev.nnc.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The transcendental functions generated code computes: exp, expm1, sigmoid, tanh and softplus,
 * on vectors and on scalars.
 *
 * <p>Float classes run the runtime's {@code PortableMath}: the scalar forms call it, and the vector
 * forms are its steps written on vectors, with its constants, so every lane gives the bits its
 * scalar form gives. They are built from operations IEEE 754 defines exactly, which makes a run's
 * bits independent of when the JIT compiles what and of the JDK; the Vector API's {@code EXP} and
 * {@code TANH} are Intel's SVML when compiled and {@code Math} when interpreted, which round
 * differently. Each vector form declares its result and keeps its temporaries in a block of its
 * own (so two uses in one loop body do not collide), since vectors must not cross a method call:
 * C2 may leave a small vector method a call and box its arguments.
 *
 * <p>The double verification twin checks the math, not the bits: it takes the Vector API's
 * lanewise operators and {@code StrictMath}.
 */
final class Transcendentals {

    private static final ClassName PORTABLE_MATH = ClassName.get(Numeric.INTERNAL_PACKAGE, "PortableMath");
    private static final ClassName INT_VECTOR = ClassName.get(Numeric.VECTOR_PACKAGE, "IntVector");

    private final Numeric numeric;
    /** How often each result name was handed out, so a second use in one body gets another. */
    private final Map<String, Integer> names = new HashMap<>();

    Transcendentals(Numeric numeric) {
        this.numeric = numeric;
    }

    /** Declares a vector {@code e^x} and returns its name. */
    String exp(CodeBlock.Builder body, String base, CodeBlock x) {
        return function(body, base, CodeBlock.of("$L.lanewise($T.EXP)", x, ops()),
                "exp(x) as PortableMath.exp: 2^k (1 + expm1(r)), k = round(x / ln 2), r = x - k ln 2", name -> {
                    reduce(body, "exp", x);
                    scale(body, "exp");
                    body.addStatement("$L = expHi.add(expTail).fma(expS1, expS1).mul(expS2)", name);
                });
    }

    /** Declares a vector {@code e^x - 1} and returns its name. */
    String expm1(CodeBlock.Builder body, String base, CodeBlock x) {
        return function(body, base, CodeBlock.of("$L.lanewise($T.EXPM1)", x, ops()),
                "expm1(x) as PortableMath.expm1: 2^k tail + (2^k rHi + 2^k - 1), or exp(x) from k = 25 on", name -> {
                    reduce(body, "expm1", x);
                    body.addStatement("$T expm1S = expm1K.max(-127).add(127).lanewise($T.LSHL, 23).reinterpretAsFloats()",
                            numeric.vector(), ops());
                    scale(body, "expm1");
                    body.addStatement("$L = expm1S.fma(expm1Tail, expm1S.fma(expm1Hi, expm1S.sub(1f)))\n.blend("
                            + "expm1Hi.add(expm1Tail).fma(expm1S1, expm1S1).mul(expm1S2), expm1N.compare($T.GT, 24f))", name, ops());
                });
    }

    /** Declares a vector {@code 1 / (1 + e^-x)} and returns its name. */
    String sigmoid(CodeBlock.Builder body, String base, CodeBlock x) {
        String name = fresh(base);
        String exp = exp(body, name + "Exp", CodeBlock.of("$L.neg()", x));
        return declare(body, name, CodeBlock.of("$T.broadcast(SPECIES, $L).div($L.add($L))",
                numeric.vector(), numeric.literal(1), exp, numeric.literal(1)));
    }

    /** Declares a vector {@code tanh(x)} and returns its name. */
    String tanh(CodeBlock.Builder body, String base, CodeBlock x) {
        ClassName pm = PORTABLE_MATH;
        return function(body, base, CodeBlock.of("$L.lanewise($T.TANH)", x, ops()),
                "tanh(x) as PortableMath.tanh: a + a^3 P(a^2) below a = 0.55, 1 - 2 / (expm1(2a) + 2) above, a = |x|", name -> {
                    body.addStatement("$T tanhX = $L", numeric.vector(), x)
                            .addStatement("$T tanhA = tanhX.abs().min($T.TANH_SATURATION)", numeric.vector(), pm)
                            .addStatement("$T tanhW = tanhA.mul(tanhA)", numeric.vector())
                            .addStatement("$T tanhP = tanhW.fma($T.TANH_11, $T.TANH_9)$L$L$L", numeric.vector(), pm, pm,
                                    horner("tanhW", "TANH_7"), horner("tanhW", "TANH_5"), horner("tanhW", "TANH_3"))
                            .addStatement("$T tanhSmall = tanhA.mul(tanhW).fma(tanhP, tanhA)", numeric.vector());
                    String e = expm1(body, "tanhE", CodeBlock.of("tanhA.mul(2f)"));
                    body.addStatement("$T tanhLarge = $T.broadcast(SPECIES, 1f).div($L.add(2f)).fma(-2f, 1f)",
                                    numeric.vector(), numeric.vector(), e)
                            .addStatement("$T tanhT = tanhLarge.blend(tanhSmall, tanhA.compare($T.LT, $T.TANH_POLYNOMIAL_LIMIT))",
                                    numeric.vector(), ops(), pm)
                            .addStatement("$L = tanhT.blend(tanhT.neg(), tanhX.compare($T.LT, 0f))", name, ops());
                });
    }

    /** Declares a vector {@code log(1 + e^x) = max(x, 0) + log1p(e^-|x|)} and returns its name. */
    String softplus(CodeBlock.Builder body, String base, CodeBlock x) {
        ClassName pm = PORTABLE_MATH;
        return function(body, base, CodeBlock.of("$L.max($L).add($L.abs().neg().lanewise($T.EXP).lanewise($T.LOG1P))",
                        x, numeric.literal(0), x, ops(), ops()),
                "softplus(x) as PortableMath.softplus: max(x, 0) + 2 atanh(s), s = u / (2 + u), u = exp(-|x|)", name -> {
                    body.addStatement("$T softplusX = $L", numeric.vector(), x);
                    String u = exp(body, "softplusU", CodeBlock.of("softplusX.abs().neg()"));
                    body.addStatement("$T softplusS = $L.div($L.add(2f))", numeric.vector(), u, u)
                            .addStatement("$T softplusW = softplusS.mul(softplusS)", numeric.vector())
                            .addStatement("$T softplusP = softplusW.fma($T.ATANH_13, $T.ATANH_11)$L$L$L$L", numeric.vector(), pm, pm,
                                    horner("softplusW", "ATANH_9"), horner("softplusW", "ATANH_7"),
                                    horner("softplusW", "ATANH_5"), horner("softplusW", "ATANH_3"))
                            .addStatement("$T softplusTwiceS = $L.neg().fma(softplusS, $L)", numeric.vector(), u, u)
                            .addStatement("$L = softplusX.max(0f).add(softplusTwiceS.mul(softplusW).fma(softplusP, softplusTwiceS))",
                                    name);
                });
    }

    /** {@code 1 / (1 + e^-z)} on a scalar of this class's type. */
    CodeBlock sigmoid(String z) {
        return numeric == Numeric.FLOAT
                ? CodeBlock.of("$T.sigmoid($L)", PORTABLE_MATH, z)
                : CodeBlock.of("1 / (1 + StrictMath.exp(-$L))", z);
    }

    /** {@code tanh(z)} on a scalar of this class's type. */
    CodeBlock tanh(String z) {
        return numeric == Numeric.FLOAT
                ? CodeBlock.of("$T.tanh($L)", PORTABLE_MATH, z)
                : CodeBlock.of("StrictMath.tanh($L)", z);
    }

    /** {@code e^z} on a scalar of this class's type. */
    CodeBlock exp(String z) {
        return numeric == Numeric.FLOAT
                ? CodeBlock.of("$T.exp($L)", PORTABLE_MATH, z)
                : CodeBlock.of("StrictMath.exp($L)", z);
    }

    /**
     * {@code prefix}C = x clamped, {@code prefix}T = round(c / ln 2) + SHIFTER, {@code prefix}N =
     * round(c / ln 2), {@code prefix}R = c - n ln 2 (in two parts, Hi and Lo) and {@code prefix}Tail =
     * expm1(r) - rHi, as PortableMath's reducedHigh, reducedLow and expm1Tail; {@code prefix}K = n as an int.
     */
    private void reduce(CodeBlock.Builder body, String prefix, CodeBlock x) {
        ClassName pm = PORTABLE_MATH;
        body.addStatement("$T $LC = $L.max($T.EXP_MIN).min($T.EXP_MAX)", numeric.vector(), prefix, x, pm, pm)
                .addStatement("$T $LT = $LC.fma($T.LOG2E, $T.SHIFTER)", numeric.vector(), prefix, prefix, pm, pm)
                .addStatement("$T $LN = $LT.sub($T.SHIFTER)", numeric.vector(), prefix, prefix, pm)
                .addStatement("$T $LHi = $LN.lanewise($T.FMA, -$T.LN2_HI, $LC)", numeric.vector(), prefix, prefix, ops(), pm, prefix)
                .addStatement("$T $LLo = $LN.mul(-$T.LN2_LO)", numeric.vector(), prefix, prefix, pm)
                .addStatement("$T $LR = $LHi.add($LLo)", numeric.vector(), prefix, prefix, prefix)
                .addStatement("$T $LP = $LR.fma($T.EXPM1_7, $T.EXPM1_6)$L$L$L$L", numeric.vector(), prefix, prefix, pm, pm,
                        horner(prefix + "R", "EXPM1_5"), horner(prefix + "R", "EXPM1_4"), horner(prefix + "R", "EXPM1_3"),
                        horner(prefix + "R", "EXPM1_2"))
                .addStatement("$T $LTail = $LP.fma($LR.mul($LR), $LLo)", numeric.vector(), prefix, prefix, prefix, prefix, prefix)
                .addStatement("$T $LK = $LT.reinterpretAsInts().sub($T.SHIFTER_BITS)", INT_VECTOR, prefix, prefix, pm);
    }

    /** {@code prefix}S1 = 2^(k >> 1) and {@code prefix}S2 = 2^(k - (k >> 1)), whose product is 2^k. */
    private void scale(CodeBlock.Builder body, String prefix) {
        body.addStatement("$T $LK1 = $LK.lanewise($T.ASHR, 1)", INT_VECTOR, prefix, prefix, ops())
                .addStatement("$T $LS1 = $LK1.add(127).lanewise($T.LSHL, 23).reinterpretAsFloats()",
                        numeric.vector(), prefix, prefix, ops())
                .addStatement("$T $LS2 = $LK.sub($LK1).add(127).lanewise($T.LSHL, 23).reinterpretAsFloats()",
                        numeric.vector(), prefix, prefix, prefix, ops());
    }

    /** One Horner step, {@code p * x + PortableMath.constant}. */
    private CodeBlock horner(String x, String constant) {
        return CodeBlock.of("\n.lanewise($T.FMA, $L, $T.$L)", ops(), x, PORTABLE_MATH, constant);
    }

    /**
     * Declares a vector {@code name} (from {@code base}) and returns its name: in the double twin
     * {@code twin}, in float PortableMath's steps, which {@code steps} adds, in a block of their own.
     */
    private String function(CodeBlock.Builder body, String base, CodeBlock twin, String comment, Consumer<String> steps) {
        String name = fresh(base);
        if (numeric == Numeric.DOUBLE) {
            return declare(body, name, twin);
        }
        body.addStatement("$T $L", numeric.vector(), name)
                .add("{\n")
                .indent()
                .add("// $L = $L\n", name, comment);
        steps.accept(name);
        body.unindent().add("}\n");
        return name;
    }

    private String declare(CodeBlock.Builder body, String name, CodeBlock value) {
        body.addStatement("$T $L = $L", numeric.vector(), name, value);
        return name;
    }

    private String fresh(String base) {
        int uses = names.merge(base, 1, Integer::sum);
        return uses == 1 ? base : base + uses;
    }

    private static ClassName ops() {
        return Types.VECTOR_OPERATORS;
    }
}
