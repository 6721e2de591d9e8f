package dev.nnc.processor.spec;

import dev.nnc.annotations.InitializerType;
import java.util.Set;

/**
 * A kernel's or bias's {@code @Initializer}, with every setting as written or defaulted.
 *
 * @param type the initialiser
 * @param mean RANDOM_NORMAL's and TRUNCATED_NORMAL's mean
 * @param stddev their standard deviation
 * @param minval RANDOM_UNIFORM's lower bound
 * @param maxval its upper bound
 * @param constant CONSTANT's value
 * @param gain ORTHOGONAL's factor
 * @param written the settings written on the annotation (the others are defaults)
 * @param source the {@code @Layer} attribute that holds it
 */
public record InitializerSpec(
        InitializerType type,
        double mean,
        double stddev,
        double minval,
        double maxval,
        double constant,
        double gain,
        Set<String> written,
        Source source) {

    public InitializerSpec {
        written = Set.copyOf(written);
    }

    /** {@code type} with every setting at its default. */
    public static InitializerSpec of(InitializerType type, Source source) {
        return new InitializerSpec(type, 0, 0.05, -0.05, 0.05, 0, 1, Set.of(), source);
    }

    /** CONSTANT's value replaced: how the planner starts PReLU's slopes at their alpha. */
    public InitializerSpec withConstant(double value) {
        return new InitializerSpec(type, mean, stddev, minval, maxval, value, gain, written, source);
    }

    /** The same settings under another type: how the planner resolves AUTO. */
    public InitializerSpec as(InitializerType resolved) {
        return new InitializerSpec(resolved, mean, stddev, minval, maxval, constant, gain, written, source);
    }
}
