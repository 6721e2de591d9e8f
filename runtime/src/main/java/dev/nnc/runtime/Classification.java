package dev.nnc.runtime;

import java.util.Set;

/**
 * How a model's outputs and targets say which class a sample is, read from its shape and loss:
 * what {@link Metrics} resolves {@code accuracy} from and what a {@link ConfusionMatrix} counts.
 */
enum Classification {

    /** The target is one class index per sample ({@code targetSize() != outputSize()}): sparse categorical. */
    CLASS_INDICES,
    /** One output, the probability of class 1; the target is 0 or 1. */
    BINARY,
    /** Several outputs on a binary loss (cross-entropy, focal, hinge): each its own yes-or-no label. */
    MULTI_LABEL,
    /** Several outputs with a target row per sample (one-hot): the class is the largest. */
    ONE_HOT;

    static Classification of(Model model) {
        if (model.targetSize() != model.outputSize()) {
            return CLASS_INDICES;
        }
        if (model.outputSize() == 1) {
            return BINARY;
        }
        return BINARY_LOSSES.contains(model.loss()) ? MULTI_LABEL : ONE_HOT;
    }

    /** The losses that score each output as its own yes-or-no label. */
    private static final Set<String> BINARY_LOSSES = Set.of("binary_crossentropy", "binary_focal_crossentropy", "hinge",
            "squared_hinge");
}
