package dev.nnc.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One tensor as a weights file stores it: its element type, its shape and its row-major elements
 * as little-endian bytes. Immutable; the shape is a list of {@code long}s because the format
 * allows dimensions past {@code int} (with another dimension 0).
 */
public final class StoredTensor {

    private final Dtype dtype;
    private final long[] shape;
    /** Read-only, at position 0; handed out only as duplicates, so its position never moves. */
    private final ByteBuffer data;

    /** A tensor over {@code data}, whose length the caller has checked against the dtype and shape. */
    StoredTensor(Dtype dtype, long[] shape, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data.asReadOnlyBuffer();
    }

    /**
     * An {@link Dtype#F32} tensor of {@code shape} holding a copy of {@code values}, whose length
     * must be the product of the dimensions. Every bit is kept, NaN payloads included.
     *
     * @throws IllegalArgumentException naming a negative dimension, or the count the shape needs
     *     and the count of {@code values}
     */
    public static StoredTensor f32(float[] values, long... shape) {
        Objects.requireNonNull(values, "values");
        ByteBuffer data = allocate(values.length, Float.BYTES, shape);
        data.asFloatBuffer().put(values);
        return new StoredTensor(Dtype.F32, shape.clone(), data);
    }

    /**
     * An {@link Dtype#F64} tensor of {@code shape} holding a copy of {@code values}; see
     * {@link #f32}.
     */
    public static StoredTensor f64(double[] values, long... shape) {
        Objects.requireNonNull(values, "values");
        ByteBuffer data = allocate(values.length, Double.BYTES, shape);
        data.asDoubleBuffer().put(values);
        return new StoredTensor(Dtype.F64, shape.clone(), data);
    }

    /**
     * An {@link Dtype#I64} tensor of {@code shape} holding a copy of {@code values}, such as the
     * {@code num_batches_tracked} PyTorch keeps; see {@link #f32}.
     */
    public static StoredTensor i64(long[] values, long... shape) {
        Objects.requireNonNull(values, "values");
        ByteBuffer data = allocate(values.length, Long.BYTES, shape);
        data.asLongBuffer().put(values);
        return new StoredTensor(Dtype.I64, shape.clone(), data);
    }

    /** A little-endian buffer for {@code count} values of {@code bytes} each, after checking {@code shape} holds that many. */
    private static ByteBuffer allocate(int count, int bytes, long[] shape) {
        Objects.requireNonNull(shape, "shape");
        long needed = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape[" + i + "]: expected a dimension at least 0, found " + shape[i]);
            }
            // saturate: a product past an int cannot match an array anyway
            needed = Math.min(needed * Math.min(shape[i], Integer.MAX_VALUE), Integer.MAX_VALUE + 1L);
        }
        if (needed != count) {
            throw new IllegalArgumentException("values: shape " + Arrays.toString(shape) + " needs "
                    + (needed > Integer.MAX_VALUE ? "more than " + Integer.MAX_VALUE : needed) + " values, found " + count);
        }
        return ByteBuffer.allocate(Math.multiplyExact(count, bytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The element type. */
    public Dtype dtype() {
        return dtype;
    }

    /** The dimensions, outermost first; empty for a scalar. */
    public List<Long> shape() {
        return Arrays.stream(shape).boxed().toList();
    }

    /** The elements as little-endian bytes: a read-only view at position 0, new on every call. */
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The elements as floats, for a dtype that {@link Dtype#readsAsFloat reads as floats}: F32
     * as stored, F16 and BF16 widened exactly, F64 rounded to the nearest float.
     */
    float[] floats() {
        if (!dtype.readsAsFloat()) {
            throw new IllegalStateException(dtype + " does not read as floats; the caller checks readsAsFloat");
        }
        ByteBuffer bytes = data();
        float[] values = new float[data.capacity() / (dtype.bits() / 8)];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dtype) {
                case F32 -> bytes.getFloat();
                case F16 -> HalfFloats.float16(bytes.getShort());
                case BF16 -> HalfFloats.bfloat16(bytes.getShort());
                default -> (float) bytes.getDouble();
            };
        }
        return values;
    }

    /** Bytes of the elements. */
    public int byteLength() {
        return data.capacity();
    }

    /** For messages: the dtype and shape, as {@code F32[2, 3]}. */
    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
