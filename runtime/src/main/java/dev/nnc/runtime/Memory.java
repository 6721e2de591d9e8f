package dev.nnc.runtime;

import java.lang.reflect.Array;

/**
 * The bytes a model instance holds, by what they are for ({@link Model#memory()}).
 *
 * @param weights the parameters and what is kept in step with them (transposed kernels), shared
 *     with predictors
 * @param gradients the gradients of the last batch; 0 in a predictor
 * @param optimizerState the optimizer's per-parameter vectors; 0 in a predictor
 * @param workspace the activations, caches and deltas of the passes, sized for {@code capacity} samples
 * @param capacity the largest batch the workspace holds now: it grows to the largest batch seen
 */
public record Memory(long weights, long gradients, long optimizerState, long workspace, int capacity) {

    /** All of it. */
    public long total() {
        return weights + gradients + optimizerState + workspace;
    }

    /** The bytes of the elements of {@code arrays} (primitive arrays; null counts 0). For generated code. */
    public static long bytes(Object... arrays) {
        long bytes = 0;
        for (Object array : arrays) {
            if (array != null) {
                bytes += (long) Array.getLength(array) * elementBytes(array.getClass().getComponentType());
            }
        }
        return bytes;
    }

    private static int elementBytes(Class<?> type) {
        if (type == float.class || type == int.class) {
            return 4;
        }
        if (type == double.class || type == long.class) {
            return 8;
        }
        if (type == boolean.class || type == byte.class) {
            return 1;
        }
        if (type == short.class || type == char.class) {
            return 2;
        }
        throw new IllegalArgumentException("not a primitive array: " + type.getName() + "[]");
    }
}
