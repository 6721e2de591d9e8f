package dev.nnc.runtime;

import java.util.List;

/**
 * One parameter tensor of a layer, stored row-major in the model's flat parameter vector.
 *
 * @param name the tensor's name within its layer ({@code kernel}, {@code bias})
 * @param offset index of its first value in the flat parameter vector
 * @param shape its shape; a Dense kernel is {@code [inputs, units]}, as in Keras
 */
public record TensorInfo(String name, int offset, List<Integer> shape) {

    public TensorInfo {
        shape = List.copyOf(shape);
    }

    /** Number of values. */
    public int size() {
        int size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        return size;
    }
}
