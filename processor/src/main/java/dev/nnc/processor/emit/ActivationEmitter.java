package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.nnc.annotations.ActivationType;
import dev.nnc.processor.spec.ActivationSpec;

/**
 * The math of each activation, as a vector expression and its scalar twin, for the forward pass
 * and for the backward pass's {@code dz = dy * f'(z)}. Derivatives are written in terms of the
 * output {@code y = f(z)}, which the forward pass keeps. Adding an activation is one case in each
 * switch here.
 */
final class ActivationEmitter {

    private final Numeric numeric;

    ActivationEmitter(Numeric numeric) {
        this.numeric = numeric;
    }

    /** SOFTMAX couples a sample's units; it runs as a pass over each row after the matmul. */
    static boolean isRowWise(ActivationSpec activation) {
        return activation.type() == ActivationType.SOFTMAX;
    }

    /** A short name of the math, for comments: {@code tanh}. */
    static String mathName(ActivationSpec activation) {
        return switch (activation.type()) {
            case LINEAR -> "";
            case SIGMOID -> "sigmoid";
            case TANH -> "tanh";
            case RELU -> "relu";
            case LEAKY_RELU -> "leakyRelu";
            case SOFTMAX -> "softmax";
        };
    }

    /** {@code f(z)} for an element-wise activation, on a vector. */
    CodeBlock vector(ActivationSpec activation, CodeBlock z) {
        return switch (activation.type()) {
            case LINEAR, SOFTMAX -> z;
            case SIGMOID -> CodeBlock.of("$T.broadcast(SPECIES, $L).div($L.neg().lanewise($T.EXP).add($L))",
                    numeric.vector(), one(), z, Types.VECTOR_OPERATORS, one());
            case TANH -> CodeBlock.of("$L.lanewise($T.TANH)", z, Types.VECTOR_OPERATORS);
            case RELU -> CodeBlock.of("$L.max($L)", z, zero());
            case LEAKY_RELU -> CodeBlock.of("$L.blend($L.mul($L), $L.compare($T.LT, $L))",
                    z, z, alpha(activation), z, Types.VECTOR_OPERATORS, zero());
        };
    }

    /** {@code f(z)} for an element-wise activation, on a scalar. */
    CodeBlock scalar(ActivationSpec activation, CodeBlock expression) {
        CodeBlock z = parenthesised(expression);
        return switch (activation.type()) {
            case LINEAR, SOFTMAX -> z;
            case SIGMOID -> CodeBlock.of("$L / ($L + $LMath.exp(-$L))", one(), one(), numeric.narrow(), z);
            case TANH -> CodeBlock.of("$LMath.tanh($L)", numeric.narrow(), z);
            case RELU -> CodeBlock.of("Math.max($L, $L)", z, zero());
            case LEAKY_RELU -> CodeBlock.of("$L < $L ? $L * $L : $L", z, zero(), alpha(activation), z, z);
        };
    }

    /** {@code dy * f'(z)} on vectors, from the output {@code y}; element-wise activations only. */
    CodeBlock vectorGradient(ActivationSpec activation, CodeBlock dy, CodeBlock y) {
        return switch (activation.type()) {
            case LINEAR -> dy;
            case SIGMOID -> CodeBlock.of("$L.mul($L).mul($L.neg().add($L))", dy, y, y, one());
            case TANH -> CodeBlock.of("$L.mul($L.neg().fma($L, $T.broadcast(SPECIES, $L)))", dy, y, y, numeric.vector(), one());
            case RELU -> CodeBlock.of("$L.blend($L, $L.compare($T.LE, $L))", dy, zero(), y, Types.VECTOR_OPERATORS, zero());
            case LEAKY_RELU -> CodeBlock.of("$L.blend($L.mul($L), $L.compare($T.LE, $L))",
                    dy, dy, alpha(activation), y, Types.VECTOR_OPERATORS, zero());
            case SOFTMAX -> throw new IllegalArgumentException("softmax is row-wise");
        };
    }

    /** {@code dy * f'(z)} on scalars, from the output {@code y}; element-wise activations only. */
    CodeBlock scalarGradient(ActivationSpec activation, CodeBlock dy, CodeBlock y) {
        return switch (activation.type()) {
            case LINEAR -> dy;
            case SIGMOID -> CodeBlock.of("$L * $L * ($L - $L)", dy, y, one(), y);
            case TANH -> CodeBlock.of("$L * ($L - $L * $L)", dy, one(), y, y);
            case RELU -> CodeBlock.of("$L > $L ? $L : $L", y, zero(), dy, zero());
            case LEAKY_RELU -> CodeBlock.of("$L > $L ? $L : $L * $L", y, zero(), dy, alpha(activation), dy);
            case SOFTMAX -> throw new IllegalArgumentException("softmax is row-wise");
        };
    }

    private static CodeBlock parenthesised(CodeBlock expression) {
        String text = expression.toString();
        return text.matches("[A-Za-z_][A-Za-z0-9_]*") ? expression : CodeBlock.of("($L)", expression);
    }

    private String alpha(ActivationSpec activation) {
        return numeric.literal(activation.effectiveAlpha());
    }

    private String one() {
        return numeric.literal(1);
    }

    private String zero() {
        return numeric.literal(0);
    }
}
