package dev.nnc.processor.spec;

import dev.nnc.annotations.LossType;

/** The network's {@code @Loss}. */
public record LossSpec(LossType type, boolean fromLogits, Source source) {}
