package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.nnc.processor.spec.ActivationSpec;

/**
 * The math of each activation. Adding one is one case in {@link #of}. An activation is computed in
 * one of three ways:
 *
 * <ul>
 *   <li><em>fused</em>: piecewise-linear functions (LINEAR, RELU, RELU6, LEAKY_RELU, HARD_SIGMOID)
 *       are a short vector and scalar expression in the matrix product's epilogue;
 *   <li><em>a pass</em>: the others run after the product as one loop over the whole batch in whole
 *       vectors (workspaces carry a vector of slack), so narrow layers fill every lane too, and a
 *       function with temporaries reads as plain statements;
 *   <li><em>row-wise</em>: SOFTMAX and LOG_SOFTMAX, which couple a sample's units (see DenseEmitter).
 * </ul>
 *
 * <p>The functions a recurrent cell may use (LINEAR, the ReLUs, HARD_SIGMOID, SIGMOID, TANH) also
 * have scalar forms for the cells' tails, written beside their vector forms operation for
 * operation, so that a unit gives the same bits in a vector lane and in a tail whatever the lane
 * count.
 *
 * <p>Every derivative is a pass, {@code dz = dy * f'(v)}, where {@code v} is the output {@code y}
 * or the pre-activation {@code z}, as the plan's table says ({@code plan.Activations}); the
 * forward pass keeps z where a backward pass will read it ({@code LayerPlan.keepsPreActivation}).
 */
final class ActivationEmitter {

    /** Statements that compute an activation (or its derivative) on vectors, ending in an expression. */
    interface VectorMath {
        /** Adds any temporaries to {@code body} and returns the result's expression. */
        CodeBlock emit(CodeBlock.Builder body, String... inputs);
    }

    /**
     * One activation's forms.
     *
     * @param mathName a short name of the function, for comments ({@code gelu})
     * @param fusedVector {@code f(z)} on a vector variable, or {@code null} when it runs as a pass
     * @param scalar {@code f(z)} on a scalar variable: with {@code fusedVector}, and for a recurrent
     *     cell's functions
     * @param pass {@code f(z)} from the vector {@code z}, when it is not fused
     * @param derivative {@code dz} from the vectors {@code dy} and {@code v}: y or z, as the plan's
     *     {@code Activations.derivativeInput} says
     * @param scalarDerivative {@code dz} from the scalars {@code dy} and {@code v}, for a recurrent
     *     cell's functions, or {@code null}
     */
    record Form(
            String mathName,
            VectorMath fusedVector,
            VectorMath scalar,
            VectorMath pass,
            VectorMath derivative,
            VectorMath scalarDerivative) {

        boolean fused() {
            return fusedVector != null;
        }

        /** {@code f(z)} on a vector, as a pass of its own: the fused form serves when there is no other. */
        VectorMath vector() {
            return fused() ? fusedVector : pass;
        }
    }

    /** SELU's constants (Klambauer et al., 2017), as Keras and PyTorch write them. */
    static final double SELU_ALPHA = 1.6732632423543772;
    static final double SELU_SCALE = 1.0507009873554805;
    static final double GELU_TANH_SCALE = 0.7978845608028654; // sqrt(2 / pi)
    static final double GELU_TANH_CUBIC = 0.044715;
    static final double INV_SQRT_2 = 0.7071067811865476;
    static final double INV_SQRT_2PI = 0.3989422804014327;

    /**
     * Numerical Recipes' {@code erfcc}: for {@code a >= 0}, {@code erfc(a) = t exp(-a^2 + P(t))} with
     * {@code t = 1 / (1 + a / 2)} and P below (coefficients of t^0 .. t^9); relative error below
     * 1.2e-7 everywhere, so the Gaussian tail keeps its digits.
     */
    private static final double[] ERFC_POLYNOMIAL = {
        -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806,
        0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277};

    private final Numeric numeric;
    private final Transcendentals functions;

    ActivationEmitter(Numeric numeric) {
        this.numeric = numeric;
        this.functions = new Transcendentals(numeric);
    }

    /** The forms of an element-wise activation (not SOFTMAX or LOG_SOFTMAX). */
    Form of(ActivationSpec activation) {
        String alpha = literal(activation.effectiveAlpha());
        return switch (activation.type()) {
            case LINEAR -> fused("", (b, z) -> CodeBlock.of("$L", z[0]), (b, z) -> CodeBlock.of("$L", z[0]), (b, v) -> CodeBlock.of("$L", v[0]), (b, v) -> CodeBlock.of("$L", v[0]));
            case RELU -> fused("relu",
                    (b, z) -> CodeBlock.of("$L.max($L)", z[0], literal(0)),
                    (b, z) -> CodeBlock.of("Math.max($L, $L)", z[0], literal(0)),
                    (b, v) -> CodeBlock.of("$L.blend($L, $L.compare($T.LE, $L))", v[0], literal(0), v[1], ops(), literal(0)),
                    (b, v) -> CodeBlock.of("$L <= $L ? $L : $L", v[1], literal(0), literal(0), v[0]));
            case RELU6 -> fused("relu6",
                    (b, z) -> CodeBlock.of("$L.max($L).min($L)", z[0], literal(0), literal(6)),
                    (b, z) -> CodeBlock.of("Math.min(Math.max($L, $L), $L)", z[0], literal(0), literal(6)),
                    (b, v) -> CodeBlock.of("$L.blend($L, $L.compare($T.LE, $L).or($L.compare($T.GE, $L)))",
                            v[0], literal(0), v[1], ops(), literal(0), v[1], ops(), literal(6)),
                    (b, v) -> CodeBlock.of("$L <= $L || $L >= $L ? $L : $L", v[1], literal(0), v[1], literal(6), literal(0), v[0]));
            case LEAKY_RELU -> fused("leakyRelu",
                    (b, z) -> CodeBlock.of("$L.blend($L.mul($L), $L.compare($T.LT, $L))", z[0], z[0], alpha, z[0], ops(), literal(0)),
                    (b, z) -> CodeBlock.of("$L < $L ? $L * $L : $L", z[0], literal(0), alpha, z[0], z[0]),
                    (b, v) -> CodeBlock.of("$L.blend($L.mul($L), $L.compare($T.LE, $L))", v[0], v[0], alpha, v[1], ops(), literal(0)),
                    (b, v) -> CodeBlock.of("$L <= $L ? $L * $L : $L", v[1], literal(0), v[0], alpha, v[0]));
            case HARD_SIGMOID -> fused("hardSigmoid",
                    (b, z) -> CodeBlock.of("$L.add($L).max($L).min($L).mul($L)", z[0], literal(3), literal(0), literal(6), literal(1 / 6.0)),
                    (b, z) -> CodeBlock.of("Math.min(Math.max($L + $L, $L), $L) * $L", z[0], literal(3), literal(0), literal(6), literal(1 / 6.0)),
                    (b, v) -> CodeBlock.of("$L.mul($L).blend($L, $L.compare($T.LE, $L).or($L.compare($T.GE, $L)))",
                            v[0], literal(1 / 6.0), literal(0), v[1], ops(), literal(0), v[1], ops(), literal(1)),
                    (b, v) -> CodeBlock.of("$L <= $L || $L >= $L ? $L : $L * $L", v[1], literal(0), v[1], literal(1), literal(0), v[0],
                            literal(1 / 6.0)));
            case SIGMOID -> new Form("sigmoid", null,
                    (b, z) -> functions.sigmoid(z[0]),
                    (b, z) -> CodeBlock.of("$L", functions.sigmoid(b, "sigmoid", CodeBlock.of("$L", z[0]))),
                    (b, v) -> CodeBlock.of("$L.mul($L).mul($L.neg().add($L))", v[0], v[1], v[1], literal(1)),
                    (b, v) -> CodeBlock.of("$L * $L * ($L - $L)", v[0], v[1], literal(1), v[1]));
            case TANH -> new Form("tanh", null,
                    (b, z) -> functions.tanh(z[0]),
                    (b, z) -> CodeBlock.of("$L", functions.tanh(b, "tanh", CodeBlock.of("$L", z[0]))),
                    (b, v) -> CodeBlock.of("$L.mul($L.neg().fma($L, $L))", v[0], v[1], v[1], one()),
                    (b, v) -> CodeBlock.of("$L * Math.fma(-$L, $L, $L)", v[0], v[1], v[1], literal(1)));
            case ELU -> pass("elu",
                    (b, z) -> CodeBlock.of("$L.mul($L).blend($L, $L.compare($T.GT, $L))",
                            functions.expm1(b, "expm1", CodeBlock.of("$L.min($L)", z[0], literal(0))), alpha, z[0], z[0], ops(),
                            literal(0)),
                    // from z: y + alpha would cancel where y nears -alpha and lose the small slope
                    (b, v) -> CodeBlock.of("$L.mul($L.mul($L)).blend($L, $L.compare($T.GT, $L))",
                            v[0], functions.exp(b, "exp", CodeBlock.of("$L.min($L)", v[1], literal(0))), alpha, v[0], v[1], ops(),
                            literal(0)));
            case SELU -> pass("selu",
                    (b, z) -> CodeBlock.of("$L.mul($L).blend($L, $L.compare($T.GT, $L)).mul($L)",
                            functions.expm1(b, "expm1", CodeBlock.of("$L.min($L)", z[0], literal(0))), literal(SELU_ALPHA), z[0], z[0],
                            ops(), literal(0), literal(SELU_SCALE)),
                    (b, v) -> CodeBlock.of("$L.mul($L.mul($L)).blend($L.mul($L), $L.compare($T.GT, $L))",
                            v[0], functions.exp(b, "exp", CodeBlock.of("$L.min($L)", v[1], literal(0))), literal(SELU_SCALE * SELU_ALPHA),
                            v[0], literal(SELU_SCALE), v[1], ops(), literal(0)));
            case SOFTPLUS -> pass("softplus",
                    (b, z) -> CodeBlock.of("$L", functions.softplus(b, "softplus", CodeBlock.of("$L", z[0]))),
                    // f'(z) = sigmoid(z) = 1 - exp(-y)
                    (b, v) -> CodeBlock.of("$L.mul($L.neg())", v[0], functions.expm1(b, "expm1", CodeBlock.of("$L.neg()", v[1]))));
            case SOFTSIGN -> pass("softsign",
                    (b, z) -> CodeBlock.of("$L.div($L.abs().add($L))", z[0], z[0], literal(1)),
                    // f'(z) = 1 / (1 + |z|)^2 = (1 - |y|)^2
                    (b, v) -> {
                        b.addStatement("$T slope = $L.abs().neg().add($L)", numeric.vector(), v[1], literal(1));
                        return CodeBlock.of("$L.mul(slope).mul(slope)", v[0]);
                    });
            case SWISH, SILU -> pass("swish",
                    (b, z) -> CodeBlock.of("$L.div($L.add($L))", z[0], functions.exp(b, "exp", CodeBlock.of("$L.neg()", z[0])),
                            literal(1)),
                    // f'(z) = s + z s (1 - s), s = sigmoid(z)
                    (b, v) -> {
                        String s = functions.sigmoid(b, "sigmoid", CodeBlock.of("$L", v[1]));
                        return CodeBlock.of("$L.mul($L.mul($N).fma($N.neg().add($L), $N))", v[0], v[1], s, s, literal(1), s);
                    });
            case GELU -> activation.approximate() ? geluTanh() : gelu();
            // its slopes are parameters: DenseEmitter writes its per-unit passes, with the layer's offsets
            case PRELU -> new Form("prelu", null, null, null, null, null);
            case MISH -> pass("mish",
                    (b, z) -> {
                        String softplus = functions.softplus(b, "softplus", CodeBlock.of("$L", z[0]));
                        return CodeBlock.of("$L.mul($L)", z[0], functions.tanh(b, "tanh", CodeBlock.of("$L", softplus)));
                    },
                    // f'(z) = tanh(sp) + z (1 - tanh(sp)^2) sigmoid(z), sp = softplus(z), sigmoid(z) = 1 - exp(-sp)
                    (b, v) -> {
                        String softplus = functions.softplus(b, "softplus", CodeBlock.of("$L", v[1]));
                        String tanh = functions.tanh(b, "tanh", CodeBlock.of("$L", softplus));
                        String sigmoid = functions.expm1(b, "expm1", CodeBlock.of("$L.neg()", softplus));
                        return CodeBlock.of("$L.mul($L.mul($N.neg().fma($N, $L)).fma($N.neg(), $N))", v[0], v[1], tanh, tanh, one(),
                                sigmoid, tanh);
                    });
            case SOFTMAX, LOG_SOFTMAX -> throw new IllegalArgumentException(activation.type() + " is row-wise");
        };
    }

    /** Exact GELU, {@code z Phi(z)}; f'(z) = Phi(z) + z phi(z). */
    private Form gelu() {
        return pass("gelu",
                (b, z) -> CodeBlock.of("$L.mul($L)", z[0], normalCdf(b, z[0])),
                (b, v) -> {
                    String cdf = normalCdf(b, v[1]);
                    String density = functions.exp(b, "density", CodeBlock.of("$L.mul($L).mul($L)", v[1], v[1], literal(-0.5)));
                    return CodeBlock.of("$L.mul($L.fma($L.mul($L), $L))", v[0], v[1], density, literal(INV_SQRT_2PI), cdf);
                });
    }

    /**
     * The tanh form of GELU, written {@code z sigmoid(2u)} with {@code u = sqrt(2/pi) (z + 0.044715 z^3)}
     * (as {@code 1 + tanh(u) = 2 sigmoid(2u)}), which keeps its digits where {@code 1 + tanh(u)} cancels;
     * f'(z) = s + z s (1 - s) 2u', {@code u' = sqrt(2/pi) (1 + 3 * 0.044715 z^2)}.
     */
    private Form geluTanh() {
        return pass("gelu",
                (b, z) -> {
                    b.addStatement("$T twiceU = $L", numeric.vector(), twiceGeluU(z[0]));
                    return CodeBlock.of("$L.div($L.add($L))", z[0], functions.exp(b, "exp", CodeBlock.of("twiceU.neg()")), literal(1));
                },
                (b, v) -> {
                    b.addStatement("$T twiceU = $L", numeric.vector(), twiceGeluU(v[1]));
                    String exp = functions.exp(b, "exp", CodeBlock.of("twiceU.neg()"));
                    b.addStatement("$T s = $L.div($L.add($L))", numeric.vector(), one(), exp, literal(1));
                    b.addStatement("$T slope = $L.mul($L).mul($L).add($L)", numeric.vector(),
                            v[1], v[1], literal(6 * GELU_TANH_CUBIC * GELU_TANH_SCALE), literal(2 * GELU_TANH_SCALE));
                    return CodeBlock.of("$L.mul($L.mul(s).mul(s.neg().add($L)).fma(slope, s))", v[0], v[1], literal(1));
                });
    }

    /** {@code 2u = 2 sqrt(2/pi) (z + 0.044715 z^3)}. */
    private CodeBlock twiceGeluU(String z) {
        return CodeBlock.of("$L.mul($L).fma($L.mul($L), $L).mul($L)", z, z, z, literal(GELU_TANH_CUBIC), z, literal(2 * GELU_TANH_SCALE));
    }

    /**
     * Declares {@code cdf = Phi(z) = erfc(-z / sqrt 2) / 2} and returns its name. Float code uses
     * Numerical Recipes' erfcc on vectors; the double twin, which finite differences check, needs
     * the true function and calls {@code SpecialFunctions.erfc} lane by lane.
     */
    private String normalCdf(CodeBlock.Builder b, String z) {
        if (numeric == Numeric.DOUBLE) {
            b.addStatement("double[] lanes = $L.toArray()", z);
            b.beginControlFlow("for (int lane = 0; lane < lanes.length; lane++)")
                    .addStatement("lanes[lane] = 0.5 * $T.erfc(-lanes[lane] * $L)", Types.SPECIAL_FUNCTIONS, literal(INV_SQRT_2))
                    .endControlFlow();
            b.addStatement("$T cdf = $T.fromArray(SPECIES, lanes, 0)", numeric.vector(), numeric.vector());
            return "cdf";
        }
        b.add("// Phi(z) = erfc(-z / sqrt 2) / 2; erfc(a) = t exp(-a^2 + P(t)), t = 1 / (1 + a / 2), for a = |z| / sqrt 2\n");
        b.addStatement("$T a = $L.abs().mul($L)", numeric.vector(), z, literal(INV_SQRT_2));
        b.addStatement("$T t = $L.div(a.mul($L).add($L))", numeric.vector(), one(), literal(0.5), literal(1));
        int last = ERFC_POLYNOMIAL.length - 1;
        b.addStatement("$T p = t.mul($L).add($L)", numeric.vector(), literal(ERFC_POLYNOMIAL[last]), literal(ERFC_POLYNOMIAL[last - 1]));
        for (int k = last - 2; k >= 0; k--) {
            b.addStatement("p = p.fma(t, $T.broadcast(SPECIES, $L))", numeric.vector(), literal(ERFC_POLYNOMIAL[k]));
        }
        String exp = functions.exp(b, "exp", CodeBlock.of("a.neg().fma(a, p)"));
        b.addStatement("$T halfTail = t.mul($L).mul($L)", numeric.vector(), exp, literal(0.5));
        b.addStatement("$T cdf = halfTail.neg().add($L).blend(halfTail, $L.compare($T.LE, $L))", numeric.vector(),
                literal(1), z, ops(), literal(0));
        return "cdf";
    }

    private static Form fused(String name, VectorMath vector, VectorMath scalar, VectorMath derivative,
            VectorMath scalarDerivative) {
        return new Form(name, vector, scalar, null, derivative, scalarDerivative);
    }

    private static Form pass(String name, VectorMath pass, VectorMath derivative) {
        return new Form(name, null, null, pass, derivative, null);
    }

    private String literal(double value) {
        return numeric.literal(value);
    }

    private CodeBlock one() {
        return CodeBlock.of("$T.broadcast(SPECIES, $L)", numeric.vector(), literal(1));
    }

    private static Object ops() {
        return Types.VECTOR_OPERATORS;
    }
}
