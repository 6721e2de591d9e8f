package dev.nnc.processor.spec;

import dev.nnc.annotations.LossType;
import java.util.Set;

/**
 * The network's {@code @Loss}, with every setting as written or defaulted.
 *
 * @param delta Huber's threshold
 * @param quantile the quantile loss's q
 * @param gamma focal loss's exponent
 * @param alpha focal loss's weight of positives, or NaN for none
 * @param written the attributes written on the annotation (the others are defaults)
 */
public record LossSpec(LossType type, boolean fromLogits, double delta, double quantile, double gamma, double alpha,
        Set<String> written, Source source) {

    public LossSpec {
        written = Set.copyOf(written);
    }
}
