package dev.nnc.runtime;

import java.util.Optional;

/**
 * The element type of a stored tensor, by its safetensors name, with its width in bits. These are
 * the types the reference reader knows; the first three are narrower than a byte, so a tensor of
 * them must hold a whole number of bytes.
 */
public enum Dtype {
    /** 4-bit float (E2M1, OCP microscaling). */
    F4(4),
    /** 6-bit float, 2 exponent and 3 mantissa bits. */
    F6_E2M3(6),
    /** 6-bit float, 3 exponent and 2 mantissa bits. */
    F6_E3M2(6),
    /** Boolean, one byte. */
    BOOL(8),
    /** Unsigned byte. */
    U8(8),
    /** Signed byte. */
    I8(8),
    /** 8-bit float, 5 exponent and 2 mantissa bits. */
    F8_E5M2(8),
    /** 8-bit float, 4 exponent and 3 mantissa bits. */
    F8_E4M3(8),
    /** 8-bit scale: an exponent only. */
    F8_E8M0(8),
    /** Signed 16-bit integer. */
    I16(16),
    /** Unsigned 16-bit integer. */
    U16(16),
    /** IEEE 754 half precision. */
    F16(16),
    /** bfloat16: the upper half of an IEEE single. */
    BF16(16),
    /** Signed 32-bit integer. */
    I32(32),
    /** Unsigned 32-bit integer. */
    U32(32),
    /** IEEE 754 single precision. */
    F32(32),
    /** Complex number of two {@code F32} parts. */
    C64(64),
    /** IEEE 754 double precision. */
    F64(64),
    /** Signed 64-bit integer, as PyTorch stores {@code num_batches_tracked}. */
    I64(64),
    /** Unsigned 64-bit integer. */
    U64(64);

    private final int bits;

    Dtype(int bits) {
        this.bits = bits;
    }

    /** Whether {@link SafeTensors#floats} reads it: F32, and F16, BF16 and F64 converted. */
    public boolean readsAsFloat() {
        return this == F32 || this == F16 || this == BF16 || this == F64;
    }

    /** Bits of one element. */
    public int bits() {
        return bits;
    }

    /**
     * Bits of a tensor of this type and {@code shape}.
     *
     * @throws ArithmeticException when the count overflows a {@code long}
     */
    long bits(long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            count = Math.multiplyExact(count, dimension);
        }
        return Math.multiplyExact(count, bits);
    }

    /** The type the format calls {@code name}, if there is one. */
    static Optional<Dtype> named(String name) {
        for (Dtype dtype : values()) {
            if (dtype.name().equals(name)) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }
}
