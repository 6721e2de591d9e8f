package dev.nnc.processor.layer;

import java.util.List;

/**
 * The shape of one sample as it flows between layers: {@code [width]} for a vector,
 * {@code [steps, width]} for a sequence. Dimensions may be below 1 while a spec is being validated
 * (a mistake already reported); the planner only sees shapes of a clean spec.
 *
 * @param dimensions the sizes, outermost first
 */
public record Shape(List<Integer> dimensions) {

    public Shape {
        dimensions = List.copyOf(dimensions);
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("a shape has at least one dimension");
        }
    }

    public static Shape vector(int width) {
        return new Shape(List.of(width));
    }

    public static Shape sequence(int steps, int width) {
        return new Shape(List.of(steps, width));
    }

    /** Whether the sample has a time axis. */
    public boolean isSequence() {
        return dimensions.size() == 2;
    }

    /** Time steps, or 0 without a time axis. */
    public int steps() {
        return isSequence() ? dimensions.get(0) : 0;
    }

    /** Values per time step of a sequence, else per sample: the innermost dimension. */
    public int width() {
        return dimensions.get(dimensions.size() - 1);
    }

    /** Values of one sample, in a long: a product of sizes that may each fit an int when it does not. */
    public long size() {
        long size = 1;
        for (int dimension : dimensions) {
            size *= dimension;
        }
        return size;
    }

    /** Whether every dimension is at least 1, so the shape can be laid out. */
    public boolean isValid() {
        return dimensions.stream().allMatch(dimension -> dimension >= 1);
    }

    /** This shape with {@code width} values per step (or per sample). */
    public Shape withWidth(int width) {
        return isSequence() ? sequence(steps(), width) : vector(width);
    }

    @Override
    public String toString() {
        return dimensions.toString();
    }
}
