package dev.nnc.runtime;

import java.util.List;

/**
 * One parameter tensor of a layer, stored row-major in the model's flat parameter vector.
 *
 * @param name the tensor's name within its layer ({@code kernel}, {@code bias})
 * @param offset index of its first value in the flat parameter vector
 * @param shape its shape; a Dense kernel is {@code [inputs, units]}, as in Keras
 * @param l1 its L1 penalty: {@code l1 * sum |w|} is part of the loss (Keras' regulariser); 0 for none
 * @param l2 its L2 penalty: {@code l2 * sum w^2}; 0 for none
 * @param trainable whether the optimizer trains it when its layer trains: false for what a layer
 *     updates itself, such as batch normalisation's running statistics (Keras' non-trainable weights)
 */
public record TensorInfo(String name, int offset, List<Integer> shape, double l1, double l2, boolean trainable) {

    /** A tensor as described above; {@code shape} is copied. */
    public TensorInfo {
        shape = List.copyOf(shape);
    }

    /** A trainable tensor with these penalties. */
    public TensorInfo(String name, int offset, List<Integer> shape, double l1, double l2) {
        this(name, offset, shape, l1, l2, true);
    }

    /** A trainable tensor without penalties. */
    public TensorInfo(String name, int offset, List<Integer> shape) {
        this(name, offset, shape, 0, 0, true);
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
