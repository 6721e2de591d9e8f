package dev.nnc.runtime;

/**
 * How a model's outputs and targets say which class a sample is, read from its shape and loss:
 * what {@link Metrics} resolves {@code accuracy} from and what a {@link ConfusionMatrix} counts.
 */
enum Classification {

    /** The target is one class index per sample ({@code targetSize() != outputSize()}): sparse categorical. */
    CLASS_INDICES,
    /** One output, the probability of class 1; the target is 0 or 1. */
    BINARY,
    /** Several outputs on {@code binary_crossentropy}: each its own yes-or-no label. */
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
        return "binary_crossentropy".equals(model.loss()) ? MULTI_LABEL : ONE_HOT;
    }
}
