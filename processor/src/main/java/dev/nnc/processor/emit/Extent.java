package dev.nnc.processor.emit;

/**
 * A loop bound: a build-time constant, emitted by its name, or a run-time variable such as the
 * batch size {@code n}. Knowing the constant lets the emitter leave out loops that cannot run.
 *
 * @param expression what the emitted code writes
 * @param constant the value when known at build time, else -1
 */
record Extent(String expression, int constant) {

    static Extent constant(String name, int value) {
        return new Extent(name, value);
    }

    static Extent runtime(String variable) {
        return new Extent(variable, -1);
    }

    /** Whether the extent may reach {@code count}. */
    boolean mayReach(int count) {
        return constant < 0 || constant >= count;
    }

    boolean isOne() {
        return constant == 1;
    }
}
