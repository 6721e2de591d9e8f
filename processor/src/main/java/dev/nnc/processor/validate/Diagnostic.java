package dev.nnc.processor.validate;

import dev.nnc.processor.spec.Source;

/**
 * One problem of a spec.
 *
 * @param message which problem
 * @param source where it was written; the reporter points the compiler error there
 * @param text the formatted message, tag first
 */
public record Diagnostic(Message message, Source source, String text) {}
